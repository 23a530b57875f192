package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ErrorPagesTest {

    private static final String[] BROWSER = {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"};

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Test
    void unknownPageShowsTheNotFoundPageInFrench() {
        Response page = signedIn().get("/no-such-page", BROWSER);

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body())
                .contains("lang=\"fr\"")
                .contains("Page introuvable")
                .contains("data-testid=\"error-404\"");
    }

    @Test
    void unknownPageShowsTheNotFoundPageInEnglishWithTheLanguageCookie() {
        HttpUser browser = signedIn();
        browser.addCookie("messages-lang", "en");

        Response page = browser.get("/no-such-page", BROWSER);

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("lang=\"en\"").contains("Page not found");
    }

    @Test
    void administrationPagesAreForbiddenToOtherPeopleWithAReadableMessage() {
        Response page = signedIn().get("/admin", BROWSER);

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body())
                .contains("Accès refusé")
                .containsPattern("Vous n(&#39;|')avez pas accès")
                .doesNotContain("n''avez");
    }

    @Test
    void anonymousVisitorOfAnUnknownPageIsSentToTheLoginPage() {
        Response page = new HttpUser(port).get("/no-such-page", BROWSER);

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).isEqualTo("/login");
    }

    @Test
    void unknownApiPathIsAProblem() {
        Response answer = signedIn().json("GET", "/api/v1/no-such-thing", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void malformedIdInAnApiUrlIsANotFoundProblem() {
        // PUT is the method this URL answers: a GET would get a 405 whatever the handling of the malformed id.
        Response answer = signedIn().jsonWithCsrf("PUT", "/api/v1/me/favourites/not-a-uuid", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void malformedConversationIdShowsTheNotFoundPage() {
        Response page = signedIn().get("/conversations/not-a-uuid", BROWSER);

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("data-testid=\"error-404\"");
    }

    @Test
    void malformedFilterOfTheInboxShowsAReadableErrorPage() {
        Response page = signedIn().get("/?type=NOT_A_TYPE", BROWSER);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("data-testid=\"error-400\"");
    }

    private HttpUser signedIn() {
        TestUser user = directory.collaborator();
        return new HttpUser(port).signedIn(user.email(), user.password());
    }
}
