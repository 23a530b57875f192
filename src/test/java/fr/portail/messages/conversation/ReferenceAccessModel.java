package fr.portail.messages.conversation;

import fr.portail.messages.support.World;
import fr.portail.messages.support.World.Conversation;
import fr.portail.messages.support.World.Person;
import java.util.UUID;

/**
 * The access rules written as literally as possible, over a plain {@link World} and sharing no code with the
 * application (it imports nothing from it): the yardstick the access policy and the eligibility of participants are
 * measured against. Public so that other modules' property tests (search) can use it.
 *
 * <p>Access (read, download, reply):
 *
 * <ul>
 *   <li>Entreprise: a collaborator who starred the company or takes part; a client of the company who takes part, or
 *       who starred it when some client participant starred it too.
 *   <li>Confidentiel: a collaborator who starred the company or takes part; a client of the company who takes part.
 *   <li>Privé: its participants.
 *   <li>Nobody deactivated.
 * </ul>
 */
public final class ReferenceAccessModel {

    private ReferenceAccessModel() {}

    public static boolean hasAccess(World world, Person u, Conversation c) {
        // "And always: a deactivated user has no access."
        if (!u.active()) {
            return false;
        }
        boolean uInP = c.participants().contains(u.id());
        UUID co = c.company();
        switch (c.type()) {
            case ENTREPRISE:
                if (!u.client()) {
                    return u.favourites().contains(co) || uInP;
                }
                // co ∈ mem(u) and (u ∈ P or (co ∈ fav(u) and some client p ∈ P has co ∈ fav(p)))
                boolean someClientParticipantStarred = c.participants().stream()
                        .map(world::person)
                        .anyMatch(p -> p.client() && p.favourites().contains(co));
                return u.memberships().contains(co)
                        && (uInP || (u.favourites().contains(co) && someClientParticipantStarred));
            case CONFIDENTIEL:
                if (!u.client()) {
                    return u.favourites().contains(co) || uInP;
                }
                return u.memberships().contains(co) && uInP;
            case PRIVE:
                return uInP;
            default:
                throw new IllegalArgumentException(c.type().name());
        }
    }

    /**
     * Whether {@code author} may open a conversation of this type on {@code company} (null for Privé): a collaborator
     * on any company, a client on its own companies.
     */
    public static boolean mayCreateOn(Person author, World.Type type, UUID company) {
        if (type == World.Type.PRIVE) {
            return true;
        }
        return company != null && (!author.client() || author.memberships().contains(company));
    }

    /**
     * Whether {@code author} may designate {@code candidate} as a participant of a conversation of this type and
     * company, when creating it or adding people later: Entreprise and Confidentiel on X, any active collaborator and
     * any active client of X; Privé, any active collaborator, and any active client for a collaborator author, only
     * clients sharing a company with a client author. Nobody designates themselves.
     */
    public static boolean mayDesignate(Person author, World.Type type, UUID company, Person candidate) {
        if (!candidate.active() || candidate.id().equals(author.id())) {
            return false;
        }
        if (!candidate.client()) {
            return true;
        }
        if (type != World.Type.PRIVE) {
            return company != null && candidate.memberships().contains(company);
        }
        if (!author.client()) {
            return true;
        }
        return candidate.memberships().stream().anyMatch(author.memberships()::contains);
    }
}
