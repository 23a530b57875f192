package fr.portail.messages.directory;

import java.util.List;
import java.util.UUID;

/** What a person sees of themselves ({@code GET /api/v1/me}). */
public record Profile(
        UUID id,
        String name,
        String email,
        PersonKind kind,
        boolean admin,
        String language,
        boolean emailNotifications,
        List<CompanyRef> companies,
        List<CompanyRef> favourites) {

    /** A company named in a profile. */
    public record CompanyRef(UUID id, String externalId, String name) {}
}
