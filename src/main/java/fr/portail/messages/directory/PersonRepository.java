package fr.portail.messages.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.IncorrectUpdateSemanticsDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@link Person} rows with their memberships and favourites. A person is read in two statements (the
 * rows, then the companies of every person read), and nothing is written until {@link #save} is called.
 */
@Repository
class PersonRepository {

    private static final String SELECT = """
            select p.id, p.email, p.name, p.kind, p.admin, p.active, p.password_hash, p.language,
                   p.email_notifications, p.created_at
              from person p""";

    /** The two sets of a person, each in its own table with the same two columns. */
    private enum CompanySet {
        MEMBERSHIP("membership"),
        FAVOURITE("favourite");

        private final String table;

        CompanySet(String table) {
            this.table = table;
        }
    }

    private final JdbcClient jdbc;

    PersonRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Person> findById(UUID id) {
        return findAll(" where p.id = ?", id).stream().findFirst();
    }

    List<Person> findAllById(Collection<UUID> ids) {
        return findAll(" where p.id = any(?)", (Object) ids.toArray(UUID[]::new));
    }

    /** The person with this e-mail, whatever its case. */
    Optional<Person> findByEmail(String email) {
        return findAll(" where lower(p.email) = lower(?)", email).stream().findFirst();
    }

    /** The people with these e-mails, given in lower case. */
    List<Person> findByEmails(Collection<String> lowerCaseEmails) {
        return findAll(" where lower(p.email) = any(?)", (Object) lowerCaseEmails.toArray(String[]::new));
    }

    boolean existsActiveAdministrator() {
        return jdbc.sql("select exists (select 1 from person where admin and active)")
                .query(Boolean.class)
                .single();
    }

    /**
     * Inserts a new person or updates the columns that may change (an e-mail, a kind and a creation time never do),
     * and makes the {@code membership} and {@code favourite} rows those of the person's sets.
     *
     * @return the person
     */
    Person save(Person person) {
        Person.Row row = person.row();
        if (person.isNew()) {
            jdbc.sql("""
                            insert into person (id, email, name, kind, admin, active, password_hash, language,
                                                email_notifications, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            row.id(),
                            row.email(),
                            row.name(),
                            row.kind().name(),
                            row.admin(),
                            row.active(),
                            row.passwordHash(),
                            row.language(),
                            row.emailNotifications(),
                            row.createdAt().atOffset(ZoneOffset.UTC))
                    .update();
        } else {
            int updated = jdbc.sql("""
                            update person set name = ?, admin = ?, active = ?, password_hash = ?, language = ?,
                                              email_notifications = ?
                             where id = ?""")
                    .params(
                            row.name(),
                            row.admin(),
                            row.active(),
                            row.passwordHash(),
                            row.language(),
                            row.emailNotifications(),
                            row.id())
                    .update();
            if (updated != 1) {
                throw new IncorrectUpdateSemanticsDataAccessException("no person " + row.id());
            }
        }
        boolean wasNew = person.isNew();
        writeSet(CompanySet.MEMBERSHIP, person.id(), person.companies(), wasNew);
        writeSet(CompanySet.FAVOURITE, person.id(), person.favourites(), wasNew);
        person.markStored();
        return person;
    }

    /** Deletes the rows of companies no longer in the set and inserts the new ones, in one statement. */
    private void writeSet(CompanySet set, UUID personId, Set<Company> companies, boolean newPerson) {
        if (newPerson && companies.isEmpty()) {
            return;
        }
        UUID[] ids = companies.stream().map(Company::id).toArray(UUID[]::new);
        jdbc.sql("""
                        with gone as (delete from %1$s where person_id = :person and company_id <> all(cast(:companies as uuid[])))
                        insert into %1$s (person_id, company_id)
                        select :person, unnest(cast(:companies as uuid[]))
                        on conflict do nothing""".formatted(set.table))
                .param("person", personId)
                .param("companies", ids)
                .update();
    }

    private List<Person> findAll(String condition, Object parameter) {
        List<Person.Row> rows = jdbc.sql(SELECT + condition)
                .param(parameter)
                .query((rs, row) -> row(rs))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<CompanySet, List<Company>>> sets =
                companiesOf(rows.stream().map(Person.Row::id).toArray(UUID[]::new));
        List<Person> people = new ArrayList<>(rows.size());
        for (Person.Row row : rows) {
            Map<CompanySet, List<Company>> own = sets.getOrDefault(row.id(), Map.of());
            people.add(Person.stored(
                    row,
                    own.getOrDefault(CompanySet.MEMBERSHIP, List.of()),
                    own.getOrDefault(CompanySet.FAVOURITE, List.of())));
        }
        return people;
    }

    /** The companies and favourites of these people, in one statement. */
    private Map<UUID, Map<CompanySet, List<Company>>> companiesOf(UUID[] personIds) {
        Map<UUID, Map<CompanySet, List<Company>>> sets = new HashMap<>();
        Map<UUID, Company> companies = new HashMap<>();
        jdbc.sql("""
                        select 'MEMBERSHIP' as company_set, m.person_id, c.id, c.external_id, c.name, c.created_at
                          from membership m join company c on c.id = m.company_id
                         where m.person_id = any(cast(:people as uuid[]))
                        union all
                        select 'FAVOURITE', f.person_id, c.id, c.external_id, c.name, c.created_at
                          from favourite f join company c on c.id = f.company_id
                         where f.person_id = any(cast(:people as uuid[]))""").param("people", personIds).query(rs -> {
            UUID companyId = rs.getObject("id", UUID.class);
            Company company = companies.get(companyId);
            if (company == null) {
                company = CompanyRepository.map(rs);
                companies.put(companyId, company);
            }
            sets.computeIfAbsent(rs.getObject("person_id", UUID.class), id -> new HashMap<>())
                    .computeIfAbsent(CompanySet.valueOf(rs.getString("company_set")), s -> new ArrayList<>())
                    .add(company);
        });
        return sets;
    }

    private static Person.Row row(ResultSet rs) throws SQLException {
        return new Person.Row(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                PersonKind.valueOf(rs.getString("kind")),
                rs.getBoolean("admin"),
                rs.getBoolean("active"),
                rs.getString("password_hash"),
                rs.getString("language"),
                rs.getBoolean("email_notifications"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
