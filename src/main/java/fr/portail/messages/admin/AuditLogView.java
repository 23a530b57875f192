package fr.portail.messages.admin;

import fr.portail.messages.audit.AuditEntry;
import fr.portail.messages.audit.AuditQuery;
import fr.portail.messages.audit.AuditTrail;
import fr.portail.messages.directory.AdminPerson;
import fr.portail.messages.directory.AdministrationLookups;
import fr.portail.messages.directory.CompanyChoice;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The audit log as administrators read it: filters by person, company and dates (days in the firm's time zone), and
 * who acted shown by name. Only administrators read it.
 */
@Service
class AuditLogView {

    static final ZoneId FIRM_ZONE = ZoneId.of("Europe/Paris");
    static final int PAGE_SIZE = 50;
    private static final int NAME_BATCH = 500;

    private final AuditTrail trail;
    private final AdministrationLookups directory;

    AuditLogView(AuditTrail trail, AdministrationLookups directory) {
        this.trail = trail;
        this.directory = directory;
    }

    /** The filters of the page, as typed. */
    record Filters(UUID person, UUID company, LocalDate from, LocalDate to) {}

    /** One line of the log, with the actor's name and e-mail when the actor is a person. */
    record Line(AuditEntry entry, AdminPerson actor) {}

    /** A page of lines and what the filters name. */
    record Result(List<Line> lines, AuditTrail.Page page, AdminPerson person, CompanyChoice company) {}

    Result page(Viewer viewer, Filters filters, int page) {
        requireAdministrator(viewer);
        Resolved resolved = resolve(viewer, filters);
        AuditTrail.Page entries = trail.search(resolved.query(), page, PAGE_SIZE);
        Map<UUID, AdminPerson> actors = directory.peopleByIds(
                viewer,
                entries.items().stream()
                        .map(AuditEntry::actorId)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet()));
        return new Result(
                entries.items().stream()
                        .map(e -> new Line(e, e.actorId() == null ? null : actors.get(e.actorId())))
                        .toList(),
                entries,
                resolved.person(),
                resolved.company());
    }

    /** Every matching line, streamed; the actors' names are looked up by batches. */
    void export(Viewer viewer, Filters filters, Consumer<Line> sink) {
        requireAdministrator(viewer);
        Resolved resolved = resolve(viewer, filters);
        List<AuditEntry> batch = new java.util.ArrayList<>(NAME_BATCH);
        Consumer<List<AuditEntry>> flush = entries -> {
            Set<UUID> ids = new HashSet<>();
            entries.forEach(e -> {
                if (e.actorId() != null) ids.add(e.actorId());
            });
            Map<UUID, AdminPerson> actors = directory.peopleByIds(viewer, ids);
            entries.forEach(e -> sink.accept(new Line(e, e.actorId() == null ? null : actors.get(e.actorId()))));
        };
        trail.export(resolved.query(), entry -> {
            batch.add(entry);
            if (batch.size() == NAME_BATCH) {
                flush.accept(batch);
                batch.clear();
            }
        });
        flush.accept(batch);
    }

    private record Resolved(AuditQuery query, AdminPerson person, CompanyChoice company) {}

    private Resolved resolve(Viewer viewer, Filters filters) {
        AdminPerson person = null;
        UUID personId = null;
        String personEmail = null;
        if (filters.person() != null) {
            person = directory.findPerson(viewer, filters.person()).orElse(null);
            personId = filters.person();
            personEmail = person == null ? null : person.email();
        }
        CompanyChoice company = null;
        Set<String> targets = null;
        if (filters.company() != null) {
            company = directory.findCompany(viewer, filters.company()).orElse(null);
            targets = company == null ? Set.of() : Set.of(company.externalId());
        }
        return new Resolved(
                new AuditQuery(
                        personId,
                        personEmail,
                        targets,
                        filters.from() == null
                                ? null
                                : filters.from().atStartOfDay(FIRM_ZONE).toInstant(),
                        filters.to() == null
                                ? null
                                : filters.to()
                                        .plusDays(1)
                                        .atStartOfDay(FIRM_ZONE)
                                        .toInstant()),
                person,
                company);
    }

    static void requireAdministrator(Viewer viewer) {
        if (!viewer.admin()) {
            throw new NotFoundException();
        }
    }
}
