package fr.portail.messages.directory;

import fr.portail.messages.platform.InvalidInputException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A collaborator or a client. Guards the rules of docs/glossary.md: a client stars only companies it is a member of, and loses
 * the star when it stops being a member; only collaborators belong to no company and may be administrators. Stored by
 * {@link PersonRepository} with its companies (table {@code membership}) and favourites (table {@code favourite}): a
 * change is written when the repository saves the person, not before.
 */
public class Person {

    private final UUID id;
    private final String email;
    private String name;
    private final PersonKind kind;
    private boolean admin;
    private boolean active;
    private String passwordHash;
    private String language;
    private boolean emailNotifications;
    private final Instant createdAt;
    private final Set<Company> companies = new HashSet<>();
    private final Set<Company> favourites = new HashSet<>();
    private boolean isNew;

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
        this.isNew = true;
    }

    private Person(Row row, Collection<Company> companies, Collection<Company> favourites) {
        this.id = row.id();
        this.email = row.email();
        this.name = row.name();
        this.kind = row.kind();
        this.admin = row.admin();
        this.active = row.active();
        this.passwordHash = row.passwordHash();
        this.language = row.language();
        this.emailNotifications = row.emailNotifications();
        this.createdAt = row.createdAt();
        this.companies.addAll(companies);
        this.favourites.addAll(favourites);
        this.isNew = false;
    }

    /** The columns of a {@code person} row. */
    record Row(
            UUID id,
            String email,
            String name,
            PersonKind kind,
            boolean admin,
            boolean active,
            String passwordHash,
            String language,
            boolean emailNotifications,
            Instant createdAt) {}

    /** A person as read from its row, its memberships and its favourites. */
    static Person stored(Row row, Collection<Company> companies, Collection<Company> favourites) {
        return new Person(row, companies, favourites);
    }

    /** The person's own columns, as the repository writes them. */
    Row row() {
        return new Row(id, email, name, kind, admin, active, passwordHash, language, emailNotifications, createdAt);
    }

    /** Whether the person has no row yet: the repository inserts it instead of updating it. */
    boolean isNew() {
        return isNew;
    }

    void markStored() {
        isNew = false;
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
