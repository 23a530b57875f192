package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.SearchPatterns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to the directory from the administration pages: companies, invitations, the administrator
 * flag, memberships and favourites on someone's behalf. Every method checks that the viewer administers the directory
 * (a non-administrator gets "not found", as for anything they may not see), and every change is recorded in the audit
 * log in the same transaction.
 */
@Service
public class DirectoryAdministration {

    /** Rows per page of the administration lists. */
    public static final int PAGE_SIZE = 25;

    private static final int MAX_EXTERNAL_ID = 100;
    private static final int MAX_NAME = 200;

    private final PersonRepository people;
    private final CompanyRepository companies;
    private final InvitationRepository invitationRecords;
    private final InvitationService invitations;
    private final LastAdministratorGuard lastAdministrator;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    DirectoryAdministration(
            PersonRepository people,
            CompanyRepository companies,
            InvitationRepository invitationRecords,
            InvitationService invitations,
            LastAdministratorGuard lastAdministrator,
            AuditLog audit,
            JdbcClient jdbc,
            Clock clock) {
        this.people = people;
        this.companies = companies;
        this.invitationRecords = invitationRecords;
        this.invitations = invitations;
        this.lastAdministrator = lastAdministrator;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- companies

    /** Companies whose name or external id contains {@code query}, by name. */
    @Transactional(readOnly = true)
    public ResultPage<AdminCompany> companies(Viewer viewer, String query, int page) {
        requireAdministrator(viewer);
        int safePage = Math.max(0, page);
        String pattern = SearchPatterns.contains(query);
        String where =
                "where lower(c.name) like :pattern escape '\\' or lower(c.external_id) like :pattern escape '\\'";
        long total = jdbc.sql("select count(*) from company c " + where)
                .param("pattern", pattern)
                .query(Long.class)
                .single();
        List<AdminCompany> items = jdbc.sql("""
                        select c.id, c.external_id, c.name,
                          (select count(*) from membership m where m.company_id = c.id) as members,
                          (select count(*) from favourite f where f.company_id = c.id) as favourites
                        from company c %s
                        order by lower(c.name), c.id
                        limit :limit offset :offset
                        """.formatted(where))
                .param("pattern", pattern)
                .param("limit", PAGE_SIZE)
                .param("offset", (long) safePage * PAGE_SIZE)
                .query(DirectoryAdministration::company)
                .list();
        return new ResultPage<>(items, safePage, PAGE_SIZE, total);
    }

    /**
     * Creates a company.
     *
     * @throws InvalidInputException on the fields {@code externalId} and {@code name}, e.g. an external id in use
     */
    @Transactional
    public UUID createCompany(Viewer viewer, String externalId, String name) {
        requireAdministrator(viewer);
        List<FieldProblem> problems = new ArrayList<>();
        String id = externalId == null ? "" : externalId.strip();
        String cleanName = name == null ? "" : name.strip();
        if (id.isEmpty()) {
            problems.add(FieldProblem.of("externalId", "admin.error.required"));
        } else if (id.length() > MAX_EXTERNAL_ID) {
            problems.add(FieldProblem.of("externalId", "admin.error.tooLong", MAX_EXTERNAL_ID));
        } else if (id.contains("|")) {
            // "|" separates the lists of the CSV import: such an id could never be referenced there.
            problems.add(FieldProblem.of("externalId", "admin.company.error.externalIdCharacters"));
        } else if (companies.findByExternalId(id).isPresent()) {
            problems.add(FieldProblem.of("externalId", "admin.company.error.externalIdTaken", id));
        }
        checkName(cleanName, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Company company;
        try {
            company = companies.saveAndFlush(new Company(id, cleanName));
        } catch (DataIntegrityViolationException raced) {
            throw new InvalidInputException("externalId", "admin.company.error.externalIdTaken", id);
        }
        audit.record(viewer.id(), "COMPANY_CREATED", company.externalId(), "name: " + company.name());
        return company.id();
    }

    @Transactional
    public void renameCompany(Viewer viewer, UUID companyId, String name) {
        requireAdministrator(viewer);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        String cleanName = name == null ? "" : name.strip();
        List<FieldProblem> problems = new ArrayList<>();
        checkName(cleanName, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (cleanName.equals(company.name())) {
            return;
        }
        String before = company.name();
        company.rename(cleanName);
        audit.record(viewer.id(), "COMPANY_RENAMED", company.externalId(), "name: " + before + " -> " + company.name());
    }

    /** A company with its clients and the people who starred it. */
    @Transactional(readOnly = true)
    public CompanyDetail company(Viewer viewer, UUID companyId) {
        requireAdministrator(viewer);
        AdminCompany company = jdbc.sql("""
                        select c.id, c.external_id, c.name,
                          (select count(*) from membership m where m.company_id = c.id) as members,
                          (select count(*) from favourite f where f.company_id = c.id) as favourites
                        from company c where c.id = :id
                        """)
                .param("id", companyId)
                .query(DirectoryAdministration::company)
                .optional()
                .orElseThrow(NotFoundException::new);
        List<AdminPerson> members = personRows(
                "join membership m on m.person_id = p.id and m.company_id = :company",
                "true",
                Map.of("company", companyId));
        List<AdminPerson> starring = personRows(
                "join favourite f on f.person_id = p.id and f.company_id = :company",
                "true",
                Map.of("company", companyId));
        Set<UUID> memberIds = members.stream().map(AdminPerson::id).collect(Collectors.toSet());
        return new CompanyDetail(
                company,
                members,
                starring.stream().filter(p -> !memberIds.contains(p.id())).toList(),
                starring.stream()
                        .map(AdminPerson::id)
                        .filter(memberIds::contains)
                        .collect(Collectors.toSet()));
    }

    // ---------------------------------------------------------------- people

    /** People of the chosen list whose name or e-mail contains {@code query}, by name. */
    @Transactional(readOnly = true)
    public ResultPage<AdminPerson> people(Viewer viewer, PeopleFilter filter, String query, int page) {
        requireAdministrator(viewer);
        int safePage = Math.max(0, page);
        String condition = peopleCondition(filter == null ? PeopleFilter.ALL : filter)
                + " and (lower(p.name) like :pattern escape '\\' or lower(p.email) like :pattern escape '\\')";
        long total = jdbc.sql("select count(*) from person p where " + condition)
                .param("pattern", SearchPatterns.contains(query))
                .query(Long.class)
                .single();
        List<AdminPerson> items = jdbc.sql(personSelect("", condition) + " limit :limit offset :offset")
                .param("pattern", SearchPatterns.contains(query))
                .param("now", Timestamp.from(clock.instant()))
                .param("limit", PAGE_SIZE)
                .param("offset", (long) safePage * PAGE_SIZE)
                .query(DirectoryAdministration::person)
                .list();
        return new ResultPage<>(items, safePage, PAGE_SIZE, total);
    }

    /** A person with their companies and favourites. */
    @Transactional(readOnly = true)
    public PersonDetail person(Viewer viewer, UUID personId) {
        requireAdministrator(viewer);
        AdminPerson summary = personRows("", "p.id = :id", Map.of("id", personId)).stream()
                .findFirst()
                .orElseThrow(NotFoundException::new);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        return new PersonDetail(summary, choices(person.companies()), choices(person.favourites()));
    }

    /**
     * Creates a collaborator or a client and issues their invitation, e-mailed once the transaction commits.
     *
     * @return the invitation, whose link is shown to the administrator
     * @throws InvalidInputException on the fields {@code email}, {@code name}, {@code kind}, {@code companyIds}
     */
    @Transactional
    public IssuedInvitation invite(Viewer viewer, NewPerson request) {
        requireAdministrator(viewer);
        List<FieldProblem> problems = new ArrayList<>();
        String email = Emails.normalize(request.email());
        String name = request.name() == null ? "" : request.name().strip();
        if (email == null || email.isEmpty()) {
            problems.add(FieldProblem.of("email", "admin.error.required"));
        } else if (!Emails.isValid(email)) {
            problems.add(FieldProblem.of("email", "admin.user.error.email"));
        } else if (people.findByEmail(email).isPresent()) {
            problems.add(FieldProblem.of("email", "admin.user.error.emailTaken", email));
        }
        checkName(name, problems);
        if (request.kind() == null) {
            problems.add(FieldProblem.of("kind", "admin.error.required"));
        }
        List<Company> memberOf = companies.findAllById(new LinkedHashSet<>(request.companyIds()));
        if (memberOf.size() != new HashSet<>(request.companyIds()).size()) {
            problems.add(FieldProblem.of("companyIds", "admin.error.unknownCompany"));
        } else if (request.kind() == PersonKind.COLLABORATOR && !memberOf.isEmpty()) {
            problems.add(FieldProblem.of("companyIds", "import.error.collaboratorMembership"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Person person = people.save(new Person(email, name, request.kind(), false));
        person.replaceCompanies(memberOf);
        people.flush();
        audit.record(
                viewer.id(),
                "PERSON_INVITED",
                person.email(),
                "kind: " + person.kind()
                        + (memberOf.isEmpty()
                                ? ""
                                : ", companies: "
                                        + memberOf.stream()
                                                .map(Company::externalId)
                                                .sorted()
                                                .collect(Collectors.joining(" "))));
        return invitations.issue(person.id(), viewer.id());
    }

    /** A new invitation link for an active person; the open ones stop working. */
    @Transactional
    public IssuedInvitation resendInvitation(Viewer viewer, UUID personId) {
        requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (!person.isActive()) {
            throw new InvalidInputException(null, "admin.user.error.inactive");
        }
        return invitations.issue(person.id(), viewer.id());
    }

    /** Ends the person's open invitation links. */
    @Transactional
    public void revokeInvitation(Viewer viewer, UUID personId) {
        requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        Instant now = clock.instant();
        List<Invitation> open = invitationRecords.findOpenByPersonId(personId).stream()
                .filter(invitation -> invitation.isUsable(now))
                .toList();
        if (open.isEmpty()) {
            throw new InvalidInputException(null, "admin.user.error.noInvitation");
        }
        open.forEach(invitation -> invitation.revoke(now));
        audit.record(viewer.id(), "INVITATION_REVOKED", person.email(), null);
    }

    /** Grants or removes the administrator flag; never removes the last active administrator. */
    @Transactional
    public void changeAdministrator(Viewer viewer, UUID personId, boolean admin) {
        requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (person.isAdmin() == admin) {
            return;
        }
        if (admin && person.isClient()) {
            throw new InvalidInputException(null, "import.error.clientAdmin");
        }
        if (!admin) {
            lastAdministrator.checkNotLast(person);
        }
        person.changeAdmin(admin);
        audit.record(viewer.id(), admin ? "ADMIN_GRANTED" : "ADMIN_REVOKED", person.email(), null);
    }

    // ---------------------------------------------------------------- memberships and favourites

    /** Makes clients members of the company (the company page). */
    @Transactional
    public void addMembers(Viewer viewer, UUID companyId, Collection<UUID> personIds) {
        requireAdministrator(viewer);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        for (Person person : loadPeople(personIds, "personIds")) {
            addMembership(viewer, person, company, "personIds");
        }
    }

    /** Makes a client a member of the companies (the person page). */
    @Transactional
    public void addCompanies(Viewer viewer, UUID personId, Collection<UUID> companyIds) {
        requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        for (Company company : loadCompanies(companyIds, "companyIds")) {
            addMembership(viewer, person, company, "companyIds");
        }
    }

    /** Takes a client out of a company; their favourite of it goes too, and with them their access (SPEC §2). */
    @Transactional
    public void removeMembership(Viewer viewer, UUID personId, UUID companyId) {
        requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        if (!person.companies().contains(company)) {
            return;
        }
        boolean wasFavourite = person.favourites().contains(company);
        Set<Company> remaining = new HashSet<>(person.companies());
        remaining.remove(company);
        person.replaceCompanies(remaining);
        audit.record(viewer.id(), "MEMBERSHIP_REMOVED", company.externalId(), "person: " + person.email());
        if (wasFavourite) {
            audit.record(viewer.id(), "FAVOURITE_REMOVED", company.externalId(), "person: " + person.email());
        }
    }

    /** Stars the company for several people at once (assigning a client file to staff). */
    @Transactional
    public void assignFavourite(Viewer viewer, UUID companyId, Collection<UUID> personIds) {
        requireAdministrator(viewer);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        List<Person> chosen = loadPeople(personIds, "personIds");
        List<FieldProblem> problems = new ArrayList<>();
        for (Person person : chosen) {
            if (!person.mayStar(company)) {
                problems.add(FieldProblem.of("personIds", "admin.favourite.error.notMember", person.name()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (Person person : chosen) {
            star(viewer, person, company);
        }
    }

    /** Stars companies for one person (the person page). */
    @Transactional
    public void addFavourites(Viewer viewer, UUID personId, Collection<UUID> companyIds) {
        requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        List<Company> chosen = loadCompanies(companyIds, "favouriteIds");
        List<FieldProblem> problems = new ArrayList<>();
        for (Company company : chosen) {
            if (!person.mayStar(company)) {
                problems.add(FieldProblem.of("favouriteIds", "admin.favourite.error.notMember", person.name()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        for (Company company : chosen) {
            star(viewer, person, company);
        }
    }

    @Transactional
    public void removeFavourite(Viewer viewer, UUID personId, UUID companyId) {
        requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        if (!person.favourites().contains(company)) {
            return;
        }
        person.unstar(company);
        audit.record(viewer.id(), "FAVOURITE_REMOVED", company.externalId(), "person: " + person.email());
    }

    // ---------------------------------------------------------------- look-ups for the audit log filters

    /** The e-mail of a person, for filters that name them. */
    @Transactional(readOnly = true)
    public Optional<AdminPerson> findPerson(Viewer viewer, UUID personId) {
        requireAdministrator(viewer);
        return personRows("", "p.id = :id", Map.of("id", personId)).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public Optional<CompanyChoice> findCompany(Viewer viewer, UUID companyId) {
        requireAdministrator(viewer);
        return companies.findById(companyId).map(c -> new CompanyChoice(c.id(), c.externalId(), c.name(), false));
    }

    /** Names and e-mails of the given people (for showing who acted in the audit log). */
    @Transactional(readOnly = true)
    public Map<UUID, AdminPerson> peopleByIds(Viewer viewer, Collection<UUID> ids) {
        requireAdministrator(viewer);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return personRows("", "p.id in (:ids)", Map.of("ids", Set.copyOf(ids))).stream()
                .collect(Collectors.toMap(AdminPerson::id, Function.identity()));
    }

    /** Which of these company and person ids exist (tells new entries from existing ones after a dry run). */
    @Transactional(readOnly = true)
    public Set<UUID> existingIds(Viewer viewer, Collection<UUID> ids) {
        requireAdministrator(viewer);
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(
                jdbc.sql("select id from company where id in (:ids) union select id from person where id in (:ids)")
                        .param("ids", Set.copyOf(ids))
                        .query((rs, row) -> rs.getObject(1, UUID.class))
                        .list());
    }

    // ---------------------------------------------------------------- internals

    private void addMembership(Viewer viewer, Person person, Company company, String field) {
        if (!person.isClient()) {
            throw new InvalidInputException(field, "admin.membership.error.notClient", person.name());
        }
        if (person.companies().contains(company)) {
            return;
        }
        Set<Company> all = new HashSet<>(person.companies());
        all.add(company);
        person.replaceCompanies(all);
        audit.record(viewer.id(), "MEMBERSHIP_ADDED", company.externalId(), "person: " + person.email());
    }

    private void star(Viewer viewer, Person person, Company company) {
        if (person.favourites().contains(company)) {
            return;
        }
        person.star(company);
        audit.record(viewer.id(), "FAVOURITE_ASSIGNED", company.externalId(), "person: " + person.email());
    }

    private List<Person> loadPeople(Collection<UUID> ids, String field) {
        Set<UUID> unique = ids == null ? Set.of() : new LinkedHashSet<>(ids);
        if (unique.isEmpty()) {
            throw new InvalidInputException(field, "admin.error.chooseSomeone");
        }
        List<Person> found = people.findAllById(unique);
        if (found.size() != unique.size()) {
            throw new InvalidInputException(field, "admin.error.unknownPerson");
        }
        return found;
    }

    private List<Company> loadCompanies(Collection<UUID> ids, String field) {
        Set<UUID> unique = ids == null ? Set.of() : new LinkedHashSet<>(ids);
        if (unique.isEmpty()) {
            throw new InvalidInputException(field, "admin.error.chooseCompany");
        }
        List<Company> found = companies.findAllById(unique);
        if (found.size() != unique.size()) {
            throw new InvalidInputException(field, "admin.error.unknownCompany");
        }
        return found;
    }

    private static void checkName(String name, List<FieldProblem> problems) {
        if (name.isEmpty()) {
            problems.add(FieldProblem.of("name", "admin.error.required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(FieldProblem.of("name", "admin.error.tooLong", MAX_NAME));
        }
    }

    private static List<CompanyChoice> choices(Set<Company> set) {
        return set.stream()
                .sorted(Comparator.comparing(Company::name, String.CASE_INSENSITIVE_ORDER))
                .map(c -> new CompanyChoice(c.id(), c.externalId(), c.name(), false))
                .toList();
    }

    private static String peopleCondition(PeopleFilter filter) {
        return switch (filter) {
            case ALL -> "true";
            case COLLABORATORS -> "p.active and p.kind = 'COLLABORATOR'";
            case CLIENTS -> "p.active and p.kind = 'CLIENT'";
            case ADMINISTRATORS -> "p.active and p.admin";
            case DEACTIVATED -> "not p.active";
        };
    }

    private static String personSelect(String join, String condition) {
        return """
                select p.id, p.email, p.name, p.kind, p.admin, p.active, p.password_hash is not null as password_set,
                  (select max(i.expires_at) from invitation i
                    where i.person_id = p.id and i.used_at is null and i.expires_at > :now) as invitation_expires_at
                from person p %s
                where %s
                order by lower(p.name), p.id
                """.formatted(join, condition);
    }

    private List<AdminPerson> personRows(String join, String condition, Map<String, ?> params) {
        var statement = jdbc.sql(personSelect(join, condition)).param("now", Timestamp.from(clock.instant()));
        for (var param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(DirectoryAdministration::person).list();
    }

    private static AdminCompany company(ResultSet rs, int row) throws SQLException {
        return new AdminCompany(
                rs.getObject("id", UUID.class),
                rs.getString("external_id"),
                rs.getString("name"),
                rs.getLong("members"),
                rs.getLong("favourites"));
    }

    private static AdminPerson person(ResultSet rs, int row) throws SQLException {
        Timestamp expires = rs.getTimestamp("invitation_expires_at");
        return new AdminPerson(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                PersonKind.valueOf(rs.getString("kind")),
                rs.getBoolean("admin"),
                rs.getBoolean("active"),
                rs.getBoolean("password_set"),
                expires == null ? null : expires.toInstant());
    }

    private static void requireAdministrator(Viewer viewer) {
        if (viewer == null || !viewer.admin()) {
            throw new NotFoundException();
        }
    }
}
