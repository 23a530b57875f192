package fr.portail.messages.conversation;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The access rules of docs/access-rules.md transcribed as literally as possible, sharing no code with the application: the yardstick the access policy
 * is measured against.
 */
final class ReferenceAccessModel {

    private ReferenceAccessModel() {}

    record Person(UUID id, boolean collaborator, boolean active, Set<UUID> favourites, Set<UUID> companies) {}

    record Conversation(UUID id, String type, UUID company, Set<UUID> participants) {}

    static boolean hasAccess(Person u, Conversation c, Map<UUID, Person> everyone) {
        // "And always: a deactivated user has no access."
        if (!u.active()) {
            return false;
        }
        boolean uInP = c.participants().contains(u.id());
        UUID co = c.company();
        switch (c.type()) {
            case "ENTREPRISE":
                if (u.collaborator()) {
                    return u.favourites().contains(co) || uInP;
                }
                // co ∈ mem(u) and (u ∈ P or (co ∈ fav(u) and some client p ∈ P has co ∈ fav(p)))
                boolean someClientParticipantStarred = c.participants().stream()
                        .map(everyone::get)
                        .anyMatch(p -> !p.collaborator() && p.favourites().contains(co));
                return u.companies().contains(co)
                        && (uInP || (u.favourites().contains(co) && someClientParticipantStarred));
            case "CONFIDENTIEL":
                if (u.collaborator()) {
                    return u.favourites().contains(co) || uInP;
                }
                return u.companies().contains(co) && uInP;
            case "PRIVE":
                return uInP;
            default:
                throw new IllegalArgumentException(c.type());
        }
    }
}
