package fr.portail.messages.directory;

import java.util.List;
import java.util.UUID;

/** What an import did: counts, the id of every company and person of the file, and the new people's invitations. */
public record ImportResult(
        Counts created,
        Counts updated,
        List<CompanyId> companies,
        List<PersonId> users,
        List<InvitationLink> invitations) {

    /** Numbers of companies and people. */
    public record Counts(int companies, int users) {}

    public record CompanyId(String externalId, UUID id) {}

    public record PersonId(String email, UUID id) {}

    public record InvitationLink(String email, String url) {}
}
