package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.platform.EmbeddedMailServer.CaughtEmail;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person who forgot their password, from the login page through the e-mail (caught by the embedded mail server) to
 * their inbox, on a desktop screen and on a phone; the old password no longer works and the link works once.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgotPasswordBrowserTest {

    private static final Pattern RESET_LINK = Pattern.compile("https?://[^/\\s]+(/mot-de-passe/nouveau/\\S+)");
    private static final String NEW_PASSWORD = "marée haute sur la digue 44";

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    static final Browser browser = Browser.launch();

    @BeforeEach
    @AfterEach
    void forgetRequestsOfTheTestAddress() {
        // Reset requests are throttled per address, and every test of the suite comes from 127.0.0.1.
        jdbc.sql("delete from login_failure where throttle_key like '%address:%'")
                .update();
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1280, 390})
    void forgottenPasswordFromTheLoginPageThroughTheEmailToTheInbox(int width) {
        TestUser user = directory.client(directory.company());
        Page page = browser.newSession("http://localhost:" + port, width, width > 400 ? 900 : 844);
        try {
            page.navigate("/login");
            page.getByTestId("forgot-link").click();
            page.waitForURL("**/mot-de-passe/oublie");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText("Mot de passe oublié");
            Browser.screenshot(page, "forgot-password-" + width);

            page.getByLabel("Adresse e-mail").fill(user.email());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Recevoir un lien par e-mail"))
                    .click();
            assertThat(page.getByTestId("forgot-sent")).containsText("Si cette adresse correspond à un compte actif");
            Browser.screenshot(page, "forgot-password-sent-" + width);

            String link = await().atMost(Duration.ofSeconds(30))
                    .until(() -> resetLink(user.email()), Optional::isPresent)
                    .orElseThrow();
            page.navigate(link);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .hasText("Choisissez un nouveau mot de passe");
            assertThat(page.locator("main")).containsText(user.email());
            Browser.screenshot(page, "new-password-" + width);

            page.getByLabel("Mot de passe", new Page.GetByLabelOptions().setExact(true))
                    .fill("court");
            page.getByLabel("Confirmation du mot de passe").fill("court");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer le mot de passe"))
                    .click();
            assertThat(page.locator(".invalid-feedback").first()).containsText("au moins 12 caractères");
            Browser.screenshot(page, "new-password-error-" + width);

            page.getByLabel("Mot de passe", new Page.GetByLabelOptions().setExact(true))
                    .fill(NEW_PASSWORD);
            page.getByLabel("Confirmation du mot de passe").fill(NEW_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer le mot de passe"))
                    .click();
            page.waitForURL("**/login?reset");

            page.fill("#username", user.email());
            page.fill("#password", user.password());
            page.click("button[type=submit]");
            page.waitForURL("**/login?error");
            assertThat(page.locator("main")).containsText("incorrect");

            page.fill("#username", user.email());
            page.fill("#password", NEW_PASSWORD);
            page.click("button[type=submit]");
            page.waitForURL("http://localhost:" + port + "/");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                    .isVisible();
            assertThat(page).hasURL("http://localhost:" + port + "/");
            Browser.screenshot(page, "inbox-after-reset-" + width);

            browser.expect(404, "/mot-de-passe/nouveau/");
            page.navigate(link);
            assertThat(page.locator("main")).not().containsText("Choisissez un nouveau mot de passe");
        } finally {
            page.context().close();
        }
    }

    /** The link of the last reset e-mail to {@code email}, on the test server. */
    private Optional<String> resetLink(String email) {
        return mail.receivedEmails().stream()
                .filter(caught -> caught.to().contains(email))
                .map(CaughtEmail::text)
                .map(RESET_LINK::matcher)
                .filter(Matcher::find)
                .map(found -> "http://localhost:" + port + found.group(1))
                .reduce((first, last) -> last);
    }
}
