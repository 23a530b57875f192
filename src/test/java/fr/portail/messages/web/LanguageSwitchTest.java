package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class LanguageSwitchTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesAreInFrenchByDefault() {
        assertThat(new HttpUser(port).get("/login").body())
                .contains("lang=\"fr\"")
                .contains("Se connecter");
    }

    @Test
    void switchingToEnglishTranslatesPagesAndIsRememberedForThePerson() {
        TestUser user = directory.collaborator();
        HttpUser browser = new HttpUser(port).signedIn(user.email(), user.password());
        String token = HttpUser.csrfToken(browser.get("/entreprises"));

        Response answer = browser.postForm("/langue", Map.of("lang", "en", "back", "/entreprises", "_csrf", token));

        assertThat(answer.location()).isEqualTo("/entreprises");
        assertThat(browser.get("/entreprises").body()).contains("lang=\"en\"").contains("My companies");
        assertThat(jdbc.sql("select language from person where id = ?")
                        .param(user.id())
                        .query(String.class)
                        .single())
                .isEqualTo("en");
    }

    @Test
    void languageSwitchNeverRedirectsToAnotherSite() {
        HttpUser browser = new HttpUser(port);
        String token = HttpUser.csrfToken(browser.get("/login"));

        Response answer = browser.postForm("/langue", Map.of("lang", "en", "back", "//evil.example/x", "_csrf", token));

        assertThat(answer.location()).isEqualTo("/");
    }

    @Test
    void apiAnswersInTheLanguageOfAcceptLanguage() {
        Response english = new HttpUser(port).json("GET", "/api/v1/me", null, "Accept-Language", "en-US,en;q=0.8");
        Response french = new HttpUser(port).json("GET", "/api/v1/me", null, "Accept-Language", "de-DE");

        assertThat(english.body()).contains("Authentication required.");
        assertThat(french.body()).contains("Authentification requise.");
    }
}
