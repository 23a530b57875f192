package fr.portail.messages.directory;

import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.SearchPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What administrators do to companies: list, create, rename, and a company's page. Changes go to the audit log. */
@Service
public class CompanyAdministration {

    private static final int MAX_EXTERNAL_ID = 100;

    private final CompanyRepository companies;
    private final AdministrationRows rows;
    private final AuditLog audit;
    private final JdbcClient jdbc;

    CompanyAdministration(CompanyRepository companies, AdministrationRows rows, AuditLog audit, JdbcClient jdbc) {
        this.companies = companies;
        this.rows = rows;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** Companies whose name or external id contains {@code query}, by name. */
    @Transactional(readOnly = true)
    public ResultPage<AdminCompany> companies(Viewer viewer, String query, int page) {
        AdministrationRows.requireAdministrator(viewer);
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
                .param("limit", AdministrationRows.PAGE_SIZE)
                .param("offset", (long) safePage * AdministrationRows.PAGE_SIZE)
                .query(AdministrationRows::company)
                .list();
        return new ResultPage<>(items, safePage, AdministrationRows.PAGE_SIZE, total);
    }

    /**
     * Creates a company.
     *
     * @throws InvalidInputException on the fields {@code externalId} and {@code name}, e.g. an external id in use
     */
    @Transactional
    public UUID createCompany(Viewer viewer, String externalId, String name) {
        AdministrationRows.requireAdministrator(viewer);
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
        AdministrationRows.checkName(cleanName, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Company company;
        try {
            company = companies.save(new Company(id, cleanName));
        } catch (DataIntegrityViolationException raced) {
            throw new InvalidInputException("externalId", "admin.company.error.externalIdTaken", id);
        }
        audit.record(viewer.id(), "COMPANY_CREATED", company.externalId(), "name: " + company.name());
        return company.id();
    }

    @Transactional
    public void renameCompany(Viewer viewer, UUID companyId, String name) {
        AdministrationRows.requireAdministrator(viewer);
        Company company = companies.findById(companyId).orElseThrow(NotFoundException::new);
        String cleanName = name == null ? "" : name.strip();
        List<FieldProblem> problems = new ArrayList<>();
        AdministrationRows.checkName(cleanName, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (cleanName.equals(company.name())) {
            return;
        }
        String before = company.name();
        company.rename(cleanName);
        companies.save(company);
        audit.record(viewer.id(), "COMPANY_RENAMED", company.externalId(), "name: " + before + " -> " + company.name());
    }

    /** A company with its clients and the people who starred it. */
    @Transactional(readOnly = true)
    public CompanyDetail company(Viewer viewer, UUID companyId) {
        AdministrationRows.requireAdministrator(viewer);
        AdminCompany company = jdbc.sql("""
                        select c.id, c.external_id, c.name,
                          (select count(*) from membership m where m.company_id = c.id) as members,
                          (select count(*) from favourite f where f.company_id = c.id) as favourites
                        from company c where c.id = :id
                        """)
                .param("id", companyId)
                .query(AdministrationRows::company)
                .optional()
                .orElseThrow(NotFoundException::new);
        List<AdminPerson> members = rows.personRows(
                "join membership m on m.person_id = p.id and m.company_id = :company",
                "true",
                Map.of("company", companyId));
        List<AdminPerson> starring = rows.personRows(
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
}
