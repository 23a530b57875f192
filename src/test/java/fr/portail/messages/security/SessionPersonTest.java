package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.SqlStatementCounter;
import fr.portail.messages.support.TestDirectory;
import java.util.UUID;
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

    @LocalServerPort
    int port;

    @Test
    void aChangedPersonShowsAtTheNextRequestAndADeactivatedOneIsSignedOut() {
        TestDirectory.TestUser bruno = directory.collaborator();
        HttpUser browser = new HttpUser(port).signedIn(bruno.email(), bruno.password());
        assertThat(browser.get("/").body()).contains(bruno.name());

        String renamed = "Renamed " + UUID.randomUUID();
        jdbc.sql("update person set name = ? where id = ?")
                .params(renamed, bruno.id())
                .update();
        String key = UUID.randomUUID().toString();
        var page = browser.get("/", SqlStatementCounter.REQUEST_HEADER, key);
        assertThat(page.body()).contains(renamed).doesNotContain(bruno.name());
        assertThat(SqlStatementCounter.ofRequest(key)).isEqualTo(3);

        jdbc.sql("update person set active = false where id = ?")
                .params(bruno.id())
                .update();
        var afterDeactivation = browser.get("/");
        assertThat(afterDeactivation.status()).isEqualTo(302);
        assertThat(afterDeactivation.location()).endsWith("/login");
    }
}
