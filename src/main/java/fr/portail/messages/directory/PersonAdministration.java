package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.SearchPatterns;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to people: list them, invite them, resend or revoke an invitation, grant or remove the
 * administrator flag, deactivate and reactivate them. Changes go to the audit log.
 */
@Service
public class PersonAdministration {

    private final PersonRepository people;
    private final CompanyRepository companies;
    private final InvitationRepository invitationRecords;
    private final InvitationService invitations;
    private final AdministrationRows rows;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final LastAdministratorGuard lastAdministrator;
    private final JdbcClient jdbc;
    private final Clock clock;

    PersonAdministration(
            PersonRepository people,
            CompanyRepository companies,
            InvitationRepository invitationRecords,
            InvitationService invitations,
            AdministrationRows rows,
            AuditLog audit,
            ApplicationEventPublisher events,
            LastAdministratorGuard lastAdministrator,
            JdbcClient jdbc,
            Clock clock) {
        this.people = people;
        this.companies = companies;
        this.invitationRecords = invitationRecords;
        this.invitations = invitations;
        this.rows = rows;
        this.audit = audit;
        this.events = events;
        this.lastAdministrator = lastAdministrator;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** People of the chosen list whose name or e-mail contains {@code query}, by name. */
    @Transactional(readOnly = true)
    public ResultPage<AdminPerson> people(Viewer viewer, PeopleFilter filter, String query, int page) {
        AdministrationRows.requireAdministrator(viewer);
        int safePage = Math.max(0, page);
        String condition = AdministrationRows.peopleCondition(filter == null ? PeopleFilter.ALL : filter)
                + " and (lower(p.name) like :pattern escape '\\' or lower(p.email) like :pattern escape '\\')";
        long total = jdbc.sql("select count(*) from person p where " + condition)
                .param("pattern", SearchPatterns.contains(query))
                .query(Long.class)
                .single();
        List<AdminPerson> items = jdbc.sql(
                        AdministrationRows.personSelect("", condition) + " limit :limit offset :offset")
                .param("pattern", SearchPatterns.contains(query))
                .param("now", Timestamp.from(clock.instant()))
                .param("limit", AdministrationRows.PAGE_SIZE)
                .param("offset", (long) safePage * AdministrationRows.PAGE_SIZE)
                .query(AdministrationRows::person)
                .list();
        return new ResultPage<>(items, safePage, AdministrationRows.PAGE_SIZE, total);
    }

    /** A person with their companies and favourites. */
    @Transactional(readOnly = true)
    public PersonDetail person(Viewer viewer, UUID personId) {
        AdministrationRows.requireAdministrator(viewer);
        AdminPerson summary = rows.personRows("", "p.id = :id", Map.of("id", personId)).stream()
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
        AdministrationRows.requireAdministrator(viewer);
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
        AdministrationRows.checkName(name, problems);
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
        Person person = new Person(email, name, request.kind(), false);
        person.replaceCompanies(memberOf);
        people.save(person);
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
        AdministrationRows.requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (!person.isActive()) {
            throw new InvalidInputException(null, "admin.user.error.inactive");
        }
        return invitations.issue(person.id(), viewer.id());
    }

    /** Ends the person's open invitation links. */
    @Transactional
    public void revokeInvitation(Viewer viewer, UUID personId) {
        AdministrationRows.requireAdministrator(viewer);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        Instant now = clock.instant();
        List<Invitation> open = invitationRecords.findOpenByPersonId(personId).stream()
                .filter(invitation -> invitation.isUsable(now))
                .toList();
        if (open.isEmpty()) {
            throw new InvalidInputException(null, "admin.user.error.noInvitation");
        }
        for (Invitation invitation : open) {
            invitation.revoke(now);
            invitationRecords.save(invitation);
        }
        audit.record(viewer.id(), "INVITATION_REVOKED", person.email(), null);
    }

    /** Grants or removes the administrator flag; never removes the last active administrator. */
    @Transactional
    public void changeAdministrator(Viewer viewer, UUID personId, boolean admin) {
        AdministrationRows.requireAdministrator(viewer);
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
        people.save(person);
        audit.record(viewer.id(), admin ? "ADMIN_GRANTED" : "ADMIN_REVOKED", person.email(), null);
    }

    /** Deactivates a person; never the last active administrator. Their sessions end (see {@link PersonDeactivated}). */
    @Transactional
    public void deactivate(Viewer administrator, UUID personId) {
        AdministrationRows.requireAdministrator(administrator);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (!person.isActive()) {
            return;
        }
        lastAdministrator.checkNotLast(person);
        person.deactivate();
        people.save(person);
        audit.record(administrator.id(), "PERSON_DEACTIVATED", person.email(), null);
        events.publishEvent(new PersonDeactivated(person.id(), person.email()));
    }

    @Transactional
    public void activate(Viewer administrator, UUID personId) {
        AdministrationRows.requireAdministrator(administrator);
        Person person = people.findById(personId).orElseThrow(NotFoundException::new);
        if (person.isActive()) {
            return;
        }
        person.activate();
        people.save(person);
        audit.record(administrator.id(), "PERSON_ACTIVATED", person.email(), null);
    }

    private static List<CompanyChoice> choices(Set<Company> set) {
        return set.stream()
                .sorted(Comparator.comparing(Company::name, String.CASE_INSENSITIVE_ORDER))
                .map(c -> new CompanyChoice(c.id(), c.externalId(), c.name(), false))
                .toList();
    }
}
