package fr.portail.messages.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A single-use, expiring link that lets a person choose a password: an invitation (a new person) or a password reset
 * (asked for by the person, sent to them only). Only the token's hash is stored.
 */
@Entity
@Table(name = "invitation")
class Invitation {

    @Id
    private UUID id;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "person_id", nullable = false)
    private UUID personId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "purpose", nullable = false)
    private String purpose;

    /** What a link is for. */
    enum Purpose {
        INVITATION,
        RESET
    }

    protected Invitation() {}

    Invitation(String tokenHash, UUID personId, Instant now, Instant expiresAt) {
        this(tokenHash, personId, now, expiresAt, Purpose.INVITATION);
    }

    Invitation(String tokenHash, UUID personId, Instant now, Instant expiresAt, Purpose purpose) {
        this.purpose = purpose.name();
        this.id = UUID.randomUUID();
        this.tokenHash = tokenHash;
        this.personId = personId;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    UUID personId() {
        return personId;
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
}
