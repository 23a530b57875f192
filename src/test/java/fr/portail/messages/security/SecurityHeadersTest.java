package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Test
    void authenticatedPageForbidsInlineScriptsFramingSniffingAndCaching() {
        TestUser user = directory.collaborator();
        Response page =
                new HttpUser(port).signedIn(user.email(), user.password()).get("/entreprises");

        assertThat(page.status()).isEqualTo(200);
        String scriptSrc = directive(page.header("content-security-policy"), "script-src");
        assertThat(scriptSrc).isEqualTo("script-src 'self'");
        assertThat(page.header("content-security-policy"))
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval")
                .contains("frame-ancestors 'none'")
                .contains("object-src 'none'");
        assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(page.header("cache-control")).contains("no-store");
        assertThat(page.header("referrer-policy")).isEqualTo("same-origin");
    }

    @Test
    void pagesContainNoInlineScript() {
        TestUser user = directory.collaborator();
        HttpUser browser = new HttpUser(port);
        String login = browser.get("/login").body();
        String companies = browser.signedIn(user.email(), user.password())
                .get("/entreprises")
                .body();

        for (String html : new String[] {login, companies}) {
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
            assertThat(html).doesNotContainPattern("\\son[a-z]+=\"");
        }
    }

    @Test
    void apiAnswersCarryARestrictivePolicy() {
        Response answer = new HttpUser(port).json("GET", "/api/v1/me", null);

        assertThat(answer.header("content-security-policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSite() {
        Response login = new HttpUser(port).get("/login");

        assertThat(login.header("set-cookie"))
                .contains("MESSAGES_SESSION=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
    }

    private static String directive(String policy, String name) {
        return Arrays.stream(policy.split(";"))
                .map(String::strip)
                .filter(d -> d.startsWith(name + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from " + policy));
    }
}
