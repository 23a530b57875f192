package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestCompany;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Personal access tokens expire, have a scope, and die with a deactivation. */
@IntegrationTest
class AccessTokenScopeAndExpiryTest {

    private static final String EMPTY_IMPORT = "{\"companies\": [], \"users\": []}";

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    AccessTokens tokens;

    @Autowired
    PersonAdministration people;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Response call(String method, String path, String body, String token) {
        return new HttpUser(port).json(method, path, body, "Authorization", "Bearer " + token);
    }

    @Test
    void readTokenReadsButCannotChangeAnything() {
        TestCompany company = directory.company();
        TestUser user = directory.collaborator();
        String token =
                tokens.create(directory.viewer(user), "lecture", "read", 30).value();

        assertThat(call("GET", "/api/v1/me", null, token).status()).isEqualTo(200);
        Response star = call("PUT", "/api/v1/me/favourites/" + company.id(), null, token);

        assertThat(star.status()).isEqualTo(403);
        assertThat(star.header("Content-Type")).startsWith("application/problem+json");
        String write =
                tokens.create(directory.viewer(user), "écriture", "write", 90).value();
        assertThat(call("PUT", "/api/v1/me/favourites/" + company.id(), null, write)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void administrationApiNeedsAnAdministratorsTokenOfScopeAdmin() {
        TestUser admin = directory.admin();
        String write =
                tokens.create(directory.viewer(admin), "script", "write", 90).value();
        String adminToken =
                tokens.create(directory.viewer(admin), "annuaire", "admin", 30).value();

        assertThat(call("PUT", "/api/v1/admin/directory", EMPTY_IMPORT, write).status())
                .isEqualTo(403);
        assertThat(call("PUT", "/api/v1/admin/directory", EMPTY_IMPORT, adminToken)
                        .status())
                .isEqualTo(200);
        TestUser collaborator = directory.collaborator();
        assertThatThrownBy(() -> tokens.create(directory.viewer(collaborator), "x", "admin", 90))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> tokens.create(directory.viewer(collaborator), "x", "write", 7))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void tokenStopsWorkingWhenItExpires() {
        TestUser user = directory.client(directory.company());
        String token =
                tokens.create(directory.viewer(user), "court", "read", 30).value();

        clock.advance(Duration.ofDays(29));
        assertThat(call("GET", "/api/v1/me", null, token).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(2));

        assertThat(call("GET", "/api/v1/me", null, token).status()).isEqualTo(401);
        assertThat(tokens.list(directory.viewer(user))).isEmpty();
    }

    @Test
    void deactivationRevokesTokensForGood() {
        TestUser admin = directory.admin();
        TestUser user = directory.collaborator();
        String token = tokens.create(directory.viewer(user), "script").value();

        people.deactivate(directory.viewer(admin), user.id());
        people.activate(directory.viewer(admin), user.id());

        assertThat(call("GET", "/api/v1/me", null, token).status()).isEqualTo(401);
    }

    @Test
    void profileListsEachTokensScopeExpiryAndLastUse() {
        TestUser user = directory.collaborator();
        HttpUser browser = new HttpUser(port).signedIn(user.email(), user.password());
        String csrf = HttpUser.csrfToken(browser.get("/profil"));

        Response created = browser.postForm(
                "/profil/jetons", Map.of("name", "compta", "scope", "read", "validityDays", "365", "_csrf", csrf));

        assertThat(created.status()).isEqualTo(200);
        String page = browser.get("/profil").body();
        assertThat(page).contains("compta").contains(">lecture<").contains("jamais");
        assertThat(page).containsPattern("data-testid=\"token-expiry\">[^<]*20\\d\\d");
    }
}
