package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class SignInTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    /**
     * Every test signs in from 127.0.0.1: forget this class's failures for the address, or the per-address throttle
     * would slow down the sign-ins of the rest of the suite.
     */
    @AfterEach
    void forgetFailuresOfTheTestAddress() {
        jdbc.sql("delete from login_failure where throttle_key like 'address:%'")
                .update();
    }

    @Test
    void correctPasswordSignsInAndLeadsHome() {
        TestUser user = directory.collaborator();

        Response answer = new HttpUser(port).signIn(user.email().toUpperCase(), user.password());

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).isEqualTo("/");
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        TestUser user = directory.collaborator();

        Response wrongPassword = new HttpUser(port).signIn(user.email(), "not the right passphrase");
        Response unknownEmail =
                new HttpUser(port).signIn(TestDirectory.uniqueEmail("nobody"), "not the right passphrase");

        assertThat(wrongPassword.status()).isEqualTo(302);
        assertThat(wrongPassword.location()).isEqualTo("/login?error");
        assertThat(unknownEmail.status()).isEqualTo(wrongPassword.status());
        assertThat(unknownEmail.location()).isEqualTo(wrongPassword.location());
    }

    @Test
    void failedSignInShowsAMessageInFrench() {
        HttpUser browser = new HttpUser(port);
        browser.signIn(TestDirectory.uniqueEmail("nobody"), "not the right passphrase");

        assertThat(browser.get("/login?error").body()).contains("Adresse e-mail ou mot de passe incorrect.");
    }

    @Test
    void invitedPersonWithoutPasswordCannotSignIn() {
        String email = TestDirectory.uniqueEmail("pending");
        directory.importFile(new fr.portail.messages.directory.DirectoryFile(
                java.util.List.of(),
                java.util.List.of(new fr.portail.messages.directory.DirectoryFile.PersonEntry(
                        email, "Pending", "COLLABORATOR", false, null, null))));

        assertThat(new HttpUser(port).signIn(email, "").location()).isEqualTo("/login?error");
        assertThat(new HttpUser(port).signIn(email, "null").location()).isEqualTo("/login?error");
    }

    @Test
    void sessionIdChangesAtSignIn() {
        TestUser user = directory.collaborator();
        HttpUser browser = new HttpUser(port);
        String token = HttpUser.csrfToken(browser.get("/login"));
        String before = browser.cookie("MESSAGES_SESSION").orElseThrow();

        Response answer = browser.postForm(
                "/login", Map.of("username", user.email(), "password", user.password(), "_csrf", token));

        assertThat(answer.location()).isEqualTo("/");
        String after = browser.cookie("MESSAGES_SESSION").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(browser.get("/entreprises").status()).isEqualTo(200);
    }

    @Test
    void repeatedFailuresThrottleTheAccountEvenForTheRightPassword() {
        TestUser user = directory.collaborator();
        HttpUser browser = new HttpUser(port);
        String token = HttpUser.csrfToken(browser.get("/login"));
        Map<String, String> wrong = Map.of("username", user.email(), "password", "wrong passphrase!", "_csrf", token);

        for (int attempt = 1; attempt <= LoginThrottle.ACCOUNT_THRESHOLD; attempt++) {
            assertThat(browser.postForm("/login", wrong).location())
                    .as("attempt %d", attempt)
                    .isEqualTo("/login?error");
        }
        Response throttled = browser.postForm(
                "/login", Map.of("username", user.email(), "password", user.password(), "_csrf", token));

        assertThat(throttled.status()).isEqualTo(302);
        assertThat(throttled.location()).isEqualTo("/login?throttled");
        assertThat(browser.get("/login?throttled").body()).contains("Trop de tentatives de connexion.");
        assertThat(browser.get("/entreprises").location()).isEqualTo("/login");
    }

    @Test
    void throttleDelayDoublesWithEachFailureUpToAMinute() {
        assertThat(LoginThrottle.delay(0)).hasSeconds(1);
        assertThat(LoginThrottle.delay(1)).hasSeconds(2);
        assertThat(LoginThrottle.delay(5)).hasSeconds(32);
        assertThat(LoginThrottle.delay(6)).hasSeconds(60);
        assertThat(LoginThrottle.delay(40)).hasSeconds(60);
    }

    @Test
    void signOutEndsTheSession() {
        TestUser user = directory.collaborator();
        HttpUser browser = new HttpUser(port).signedIn(user.email(), user.password());
        String token = HttpUser.csrfToken(browser.get("/entreprises"));

        Response answer = browser.postForm("/logout", Map.of("_csrf", token));

        assertThat(answer.location()).isEqualTo("/login?logout");
        assertThat(browser.get("/entreprises").location()).isEqualTo("/login");
    }
}
