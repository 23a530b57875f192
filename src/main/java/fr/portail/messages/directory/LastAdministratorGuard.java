package fr.portail.messages.directory;

import fr.portail.messages.platform.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps at least one active administrator. The active administrators' rows are locked before counting, so that two
 * administrators removing each other at the same moment cannot both succeed.
 */
@Component
class LastAdministratorGuard {

    private final JdbcClient jdbc;

    LastAdministratorGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refuses when {@code person} is the only active administrator; call inside the changing transaction. */
    void checkNotLast(Person person) {
        if (!person.isAdmin() || !person.isActive()) {
            return;
        }
        int active = jdbc.sql("select id from person where admin and active order by id for update")
                .query((rs, row) -> rs.getObject(1))
                .list()
                .size();
        if (active <= 1) {
            throw new InvalidInputException(null, "admin.error.lastAdmin");
        }
    }
}
