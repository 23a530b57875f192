package fr.portail.messages.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A client file of the firm, known to its accounting software by an external id. */
@Entity
@Table(name = "company")
public class Company {

    @Id
    private UUID id;

    @Column(name = "external_id", nullable = false)
    private String externalId;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Company() {}

    Company(String externalId, String name) {
        this.id = UUID.randomUUID();
        this.externalId = externalId;
        this.name = name;
        this.createdAt = Instant.now();
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
