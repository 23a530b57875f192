package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.SecondFactorFixed;
import fr.portail.messages.support.SecondStepUser;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The property {@code messages.security.second-factor} (here {@code everyone}) overrides the firm's setting. */
@SecondFactorFixed
class SecondFactorPropertyTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePropertyOverridesTheFirmsSettingAndThePageShowsItReadOnly() {
        jdbc.sql("update firm_identity set second_factor = 'none'").update();
        TestUser client = directory.client(directory.company());
        HttpUser clientSession = new HttpUser(port);
        assertThat(clientSession.signIn(client.email(), client.password()).location())
                .isEqualTo("/");
        assertThat(clientSession.get("/").location())
                .as("'everyone' from the property, though the firm's setting says 'none'")
                .startsWith("/connexion/verification?");

        TestUser admin = directory.admin();
        HttpUser adminSession = SecondStepUser.signedInWithCode(port, admin.email(), admin.password(), mail);
        String page = adminSession.get("/admin/cabinet").body();
        assertThat(page)
                .contains("<fieldset aria-describedby=\"secondFactor-help secondFactor-error\" disabled=\"disabled\">")
                .contains("Fixé par la configuration du serveur (messages.security.second-factor)")
                .contains("data-testid=\"second-factor-everyone\" checked=\"checked\"");

        Response refused = adminSession.postForm(
                "/admin/cabinet/connexion",
                Map.of("secondFactor", "none", "_csrf", HttpUser.csrfToken(adminSession.get("/admin/cabinet"))));
        assertThat(refused.location()).isEqualTo("/admin/cabinet#second-factor");
        assertThat(adminSession.get("/admin/cabinet").body())
                .contains("Ce réglage est fixé par la configuration du serveur");
        assertThat(clientSession.get("/").location()).startsWith("/connexion/verification?");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'SECOND_FACTOR_RULE_CHANGED'")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
