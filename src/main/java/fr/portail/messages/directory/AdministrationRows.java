package fr.portail.messages.directory;

import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the administration services share: the administrator check, the rows of the people and companies lists, and the
 * name rule.
 */
@Component
class AdministrationRows {

    /** Rows per page of the administration lists. */
    static final int PAGE_SIZE = 25;

    private static final int MAX_NAME = 200;

    private final JdbcClient jdbc;
    private final Clock clock;

    AdministrationRows(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A non-administrator gets "not found", as for anything they may not see. */
    static void requireAdministrator(Viewer viewer) {
        if (viewer == null || !viewer.admin()) {
            throw new NotFoundException();
        }
    }

    static void checkName(String name, List<FieldProblem> problems) {
        if (name.isEmpty()) {
            problems.add(FieldProblem.of("name", "admin.error.required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(FieldProblem.of("name", "admin.error.tooLong", MAX_NAME));
        }
    }

    static String peopleCondition(PeopleFilter filter) {
        return switch (filter) {
            case ALL -> "true";
            case COLLABORATORS -> "p.active and p.kind = 'COLLABORATOR'";
            case CLIENTS -> "p.active and p.kind = 'CLIENT'";
            case ADMINISTRATORS -> "p.active and p.admin";
            case DEACTIVATED -> "not p.active";
        };
    }

    static String personSelect(String join, String condition) {
        return """
                select p.id, p.email, p.name, p.kind, p.admin, p.active, p.password_hash is not null as password_set,
                  (select max(i.expires_at) from invitation i
                    where i.person_id = p.id and i.used_at is null and i.expires_at > :now) as invitation_expires_at
                from person p %s
                where %s
                order by lower(p.name), p.id
                """.formatted(join, condition);
    }

    List<AdminPerson> personRows(String join, String condition, Map<String, ?> params) {
        var statement = jdbc.sql(personSelect(join, condition)).param("now", Timestamp.from(clock.instant()));
        for (var param : params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(AdministrationRows::person).list();
    }

    static AdminCompany company(ResultSet rs, int row) throws SQLException {
        return new AdminCompany(
                rs.getObject("id", UUID.class),
                rs.getString("external_id"),
                rs.getString("name"),
                rs.getLong("members"),
                rs.getLong("favourites"));
    }

    static AdminPerson person(ResultSet rs, int row) throws SQLException {
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

    /** The current instant, for the invitation columns of {@link #personSelect}. */
    Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
