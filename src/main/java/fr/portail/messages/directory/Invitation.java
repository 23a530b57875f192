package fr.portail.messages.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * A single-use, expiring link that lets a person choose a password: an invitation (a new person) or a password reset
 * (asked for by the person, sent to them only). Only the token's hash is stored. Stored by
 * {@link InvitationRepository}: a change is written when the repository saves the invitation, not before.
 */
class Invitation {

    private final UUID id;
    private final String tokenHash;
    private final UUID personId;
    private final Instant createdAt;
    private final Instant expiresAt;
    private Instant usedAt;
    private final String purpose;
    private boolean isNew;

    /** What a link is for. */
    enum Purpose {
        INVITATION,
        RESET
    }

    Invitation(String tokenHash, UUID personId, Instant now, Instant expiresAt) {
        this(tokenHash, personId, now, expiresAt, Purpose.INVITATION);
    }

    Invitation(String tokenHash, UUID personId, Instant now, Instant expiresAt, Purpose purpose) {
        this(UUID.randomUUID(), tokenHash, personId, now, expiresAt, null, purpose.name(), true);
    }

    private Invitation(
            UUID id,
            String tokenHash,
            UUID personId,
            Instant createdAt,
            Instant expiresAt,
            Instant usedAt,
            String purpose,
            boolean isNew) {
        this.id = id;
        this.tokenHash = tokenHash;
        this.personId = personId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.usedAt = usedAt;
        this.purpose = purpose;
        this.isNew = isNew;
    }

    /** An invitation as read from its row. */
    static Invitation stored(
            UUID id,
            String tokenHash,
            UUID personId,
            Instant createdAt,
            Instant expiresAt,
            Instant usedAt,
            String purpose) {
        return new Invitation(id, tokenHash, personId, createdAt, expiresAt, usedAt, purpose, false);
    }

    UUID id() {
        return id;
    }

    String tokenHash() {
        return tokenHash;
    }

    UUID personId() {
        return personId;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant usedAt() {
        return usedAt;
    }

    String purpose() {
        return purpose;
    }

    boolean isFor(Purpose candidate) {
        return candidate.name().equals(purpose);
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean isUsable(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    void use(Instant now) {
        if (!isUsable(now)) {
            throw new IllegalStateException("invitation already used or expired");
        }
        this.usedAt = now;
    }

    /** Ends an invitation that a newer one replaces. */
    void revoke(Instant now) {
        if (usedAt == null) {
            usedAt = now;
        }
    }

    /** Whether the invitation has no row yet: the repository inserts it instead of updating it. */
    boolean isNew() {
        return isNew;
    }

    void markStored() {
        isNew = false;
    }
}
