package fr.portail.messages.directory;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Look-ups for administration pages that name people and companies (the audit log filters, the import preview). */
@Service
public class AdministrationLookups {

    private final CompanyRepository companies;
    private final AdministrationRows rows;
    private final JdbcClient jdbc;

    AdministrationLookups(CompanyRepository companies, AdministrationRows rows, JdbcClient jdbc) {
        this.companies = companies;
        this.rows = rows;
        this.jdbc = jdbc;
    }

    /** The e-mail of a person, for filters that name them. */
    @Transactional(readOnly = true)
    public Optional<AdminPerson> findPerson(Viewer viewer, UUID personId) {
        AdministrationRows.requireAdministrator(viewer);
        return rows.personRows("", "p.id = :id", Map.of("id", personId)).stream()
                .findFirst();
    }

    @Transactional(readOnly = true)
    public Optional<CompanyChoice> findCompany(Viewer viewer, UUID companyId) {
        AdministrationRows.requireAdministrator(viewer);
        return companies.findById(companyId).map(c -> new CompanyChoice(c.id(), c.externalId(), c.name(), false));
    }

    /** Names and e-mails of the given people (for showing who acted in the audit log). */
    @Transactional(readOnly = true)
    public Map<UUID, AdminPerson> peopleByIds(Viewer viewer, Collection<UUID> ids) {
        AdministrationRows.requireAdministrator(viewer);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return rows.personRows("", "p.id in (:ids)", Map.of("ids", Set.copyOf(ids))).stream()
                .collect(Collectors.toMap(AdminPerson::id, Function.identity()));
    }

    /** Which of these company and person ids exist (tells new entries from existing ones after a dry run). */
    @Transactional(readOnly = true)
    public Set<UUID> existingIds(Viewer viewer, Collection<UUID> ids) {
        AdministrationRows.requireAdministrator(viewer);
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(
                jdbc.sql("select id from company where id in (:ids) union select id from person where id in (:ids)")
                        .param("ids", Set.copyOf(ids))
                        .query((rs, row) -> rs.getObject(1, UUID.class))
                        .list());
    }
}
