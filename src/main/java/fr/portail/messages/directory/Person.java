package fr.portail.messages.directory;

import fr.portail.messages.platform.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A collaborator or a client. Guards the rules of docs/glossary.md: a client stars only companies it is a member of, and loses
 * the star when it stops being a member; only collaborators belong to no company and may be administrators.
 */
@Entity
@Table(name = "person")
public class Person {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PersonKind kind;

    @Column(nullable = false)
    private boolean admin;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    private String language;

    @Column(name = "email_notifications", nullable = false)
    private boolean emailNotifications;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ManyToMany
    @JoinTable(
            name = "membership",
            joinColumns = @JoinColumn(name = "person_id"),
            inverseJoinColumns = @JoinColumn(name = "company_id"))
    private Set<Company> companies = new HashSet<>();

    @ManyToMany
    @JoinTable(
            name = "favourite",
            joinColumns = @JoinColumn(name = "person_id"),
            inverseJoinColumns = @JoinColumn(name = "company_id"))
    private Set<Company> favourites = new HashSet<>();

    protected Person() {}

    Person(String email, String name, PersonKind kind, boolean admin) {
        if (admin && kind != PersonKind.COLLABORATOR) {
            throw new IllegalArgumentException("only collaborators can be administrators");
        }
        this.id = UUID.randomUUID();
        this.email = Emails.normalize(email);
        this.name = name;
        this.kind = kind;
        this.admin = admin;
        this.active = true;
        this.language = "fr";
        this.emailNotifications = true;
        this.createdAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public PersonKind kind() {
        return kind;
    }

    public boolean isClient() {
        return kind == PersonKind.CLIENT;
    }

    public boolean isAdmin() {
        return admin;
    }

    public boolean isActive() {
        return active;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String language() {
        return language;
    }

    public boolean emailNotifications() {
        return emailNotifications;
    }

    public Set<Company> companies() {
        return Set.copyOf(companies);
    }

    public Set<Company> favourites() {
        return Set.copyOf(favourites);
    }

    public boolean mayStar(Company company) {
        return !isClient() || companies.contains(company);
    }

    /** Stars a company; a client only one it is a member of. */
    void star(Company company) {
        if (!mayStar(company)) {
            throw new InvalidInputException("companyId", "favourites.error.notMember", company.name());
        }
        favourites.add(company);
    }

    void unstar(Company company) {
        favourites.remove(company);
    }

    /** Replaces the companies of a client; the favourites of companies it leaves go with them. */
    void replaceCompanies(Collection<Company> newCompanies) {
        if (!isClient() && !newCompanies.isEmpty()) {
            throw new IllegalArgumentException("only clients are members of companies");
        }
        companies.clear();
        companies.addAll(newCompanies);
        if (isClient()) {
            favourites.retainAll(companies);
        }
    }

    /** Replaces the favourites; every one must be allowed. */
    void replaceFavourites(Collection<Company> newFavourites) {
        for (Company company : newFavourites) {
            if (!mayStar(company)) {
                throw new IllegalArgumentException("a client stars only its own companies");
            }
        }
        favourites.clear();
        favourites.addAll(newFavourites);
    }

    void rename(String newName) {
        this.name = newName;
    }

    void changeAdmin(boolean newAdmin) {
        if (newAdmin && kind != PersonKind.COLLABORATOR) {
            throw new IllegalArgumentException("only collaborators can be administrators");
        }
        this.admin = newAdmin;
    }

    void deactivate() {
        this.active = false;
    }

    void activate() {
        this.active = true;
    }

    void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    void changeLanguage(String newLanguage) {
        this.language = newLanguage;
    }

    void changeEmailNotifications(boolean enabled) {
        this.emailNotifications = enabled;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Person person && Objects.equals(id, person.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
