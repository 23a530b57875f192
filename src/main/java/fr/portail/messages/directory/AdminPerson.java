package fr.portail.messages.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * A person as administrators see them in lists.
 *
 * @param passwordSet whether the person has chosen a password (accepted an invitation)
 * @param invitationExpiresAt when the person's open invitation expires, or {@code null} when none is open
 */
public record AdminPerson(
        UUID id,
        String email,
        String name,
        PersonKind kind,
        boolean admin,
        boolean active,
        boolean passwordSet,
        Instant invitationExpiresAt) {

    public boolean isClient() {
        return kind == PersonKind.CLIENT;
    }

    public boolean invitationOpen() {
        return invitationExpiresAt != null;
    }
}
