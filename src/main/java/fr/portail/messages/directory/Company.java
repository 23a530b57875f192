package fr.portail.messages.directory;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A client file of the firm, known to its accounting software by an external id. Stored by {@link CompanyRepository}:
 * a change is written when the repository saves the company, not before.
 */
public class Company {

    private final UUID id;
    private final String externalId;
    private String name;
    private final Instant createdAt;
    private boolean isNew;

    Company(String externalId, String name) {
        this(UUID.randomUUID(), externalId, name, Instant.now(), true);
    }

    private Company(UUID id, String externalId, String name, Instant createdAt, boolean isNew) {
        this.id = id;
        this.externalId = externalId;
        this.name = name;
        this.createdAt = createdAt;
        this.isNew = isNew;
    }

    /** A company as read from its row. */
    static Company stored(UUID id, String externalId, String name, Instant createdAt) {
        return new Company(id, externalId, name, createdAt, false);
    }

    public UUID id() {
        return id;
    }

    public String externalId() {
        return externalId;
    }

    public String name() {
        return name;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** Whether the company has no row yet: the repository inserts it instead of updating it. */
    boolean isNew() {
        return isNew;
    }

    void markStored() {
        isNew = false;
    }

    void rename(String newName) {
        this.name = newName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Company company && Objects.equals(id, company.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
