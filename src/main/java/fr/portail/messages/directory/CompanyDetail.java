package fr.portail.messages.directory;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A company's administration page: its clients and the people who starred it.
 *
 * @param members the clients of the company, by name
 * @param starredBy the collaborators who starred the company, by name
 * @param membersStarring ids of the members who starred it too
 */
public record CompanyDetail(
        AdminCompany company, List<AdminPerson> members, List<AdminPerson> starredBy, Set<UUID> membersStarring) {

    public CompanyDetail {
        members = List.copyOf(members);
        starredBy = List.copyOf(starredBy);
        membersStarring = Set.copyOf(membersStarring);
    }
}
