package fr.portail.messages.directory;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shared test context sets {@code messages.bootstrap-admin.*} (see {@link IntegrationTest}). */
@IntegrationTest
class BootstrapAdministratorTest {

    @LocalServerPort
    int port;

    @Autowired
    BootstrapAdministrator bootstrap;

    @Autowired
    JdbcClient jdbc;

    @Test
    void configuredAdministratorIsCreatedAtStartUpAndCanSignIn() {
        HttpUser admin = new HttpUser(port)
                .signedIn(IntegrationTest.BOOTSTRAP_ADMIN_EMAIL, IntegrationTest.BOOTSTRAP_ADMIN_PASSWORD);

        String me = admin.json("GET", "/api/v1/me", null).body();

        assertThat(me).contains("\"admin\":true").contains("\"kind\":\"COLLABORATOR\"");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'BOOTSTRAP_ADMIN_CREATED' and target = ?")
                        .param(IntegrationTest.BOOTSTRAP_ADMIN_EMAIL)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void restartWithAnActiveAdministratorChangesNothing() {
        String hashBefore = passwordHash();

        bootstrap.start();

        assertThat(passwordHash()).isEqualTo(hashBefore);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'BOOTSTRAP_ADMIN_CREATED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private String passwordHash() {
        return jdbc.sql("select password_hash from person where email = ?")
                .param(IntegrationTest.BOOTSTRAP_ADMIN_EMAIL)
                .query(String.class)
                .single();
    }
}
