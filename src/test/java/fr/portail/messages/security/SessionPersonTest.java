package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.SqlStatementCounter;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The person read with the session (ADR 9) is the person as they are at each request: a change of their row shows at
 * the next page, with no statement of its own, and a deactivated person is signed out at once.
 */
@IntegrationTest
class SessionPersonTest {

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @LocalServerPort
    int port;

    /**
     * Every request reads its person by the session's e-mail: through the unique index on {@code lower(email)}, not
     * by reading every person of the firm (2.6 ms of each page on the large benchmark before).
     */
    @Test
    void thePersonIsFoundThroughTheEmailIndex() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var off = connection.createStatement()) {
                off.execute("set local enable_seqscan = off");
            }
            try (PreparedStatement explain = connection.prepareStatement(
                    "explain " + SessionPerson.QUERY.replace("%TABLE_NAME%", "SPRING_SESSION"))) {
                explain.setString(1, UUID.randomUUID().toString());
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
            connection.rollback();
        }
        assertThat(plan.toString()).contains("person_email_unique").doesNotContain("Seq Scan on person");
    }

    @Test
    void aChangedPersonShowsAtTheNextRequestAndADeactivatedOneIsSignedOut() {
        TestDirectory.TestUser bruno = directory.collaborator();
        // The firm's identity is read again every few seconds, not once per request: no re-read in the counted one.
        clock.freeze();
        HttpUser browser = new HttpUser(port).signedIn(bruno.email(), bruno.password());
        assertThat(browser.get("/").body()).contains(bruno.name());

        String renamed = "Renamed " + UUID.randomUUID();
        jdbc.sql("update person set name = ? where id = ?")
                .params(renamed, bruno.id())
                .update();
        String key = UUID.randomUUID().toString();
        var page = browser.get("/", SqlStatementCounter.REQUEST_HEADER, key);
        assertThat(page.body()).contains(renamed).doesNotContain(bruno.name());
        assertThat(SqlStatementCounter.ofRequest(key)).hasSize(3);

        jdbc.sql("update person set active = false where id = ?")
                .params(bruno.id())
                .update();
        var afterDeactivation = browser.get("/");
        assertThat(afterDeactivation.status()).isEqualTo(302);
        assertThat(afterDeactivation.location()).endsWith("/login");
    }
}
