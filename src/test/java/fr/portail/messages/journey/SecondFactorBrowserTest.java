package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.SecondFactorFixed;
import fr.portail.messages.support.SecondStepUser;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two-step sign-in in a real browser, on an application where the property asks everyone for it: the e-mail code read
 * from the mail server, and a passkey registered on the profile page with Chromium's virtual authenticator, then used
 * to sign in again.
 */
@SecondFactorFixed
class SecondFactorBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    EmbeddedMailServer mail;

    @RegisterExtension
    static final Browser browser = Browser.launch();

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private String askForCode(Page page, TestUser person) {
        List<String> before = SecondStepUser.codeMails(mail, person.email());
        page.getByTestId("send-code").click();
        assertThat(page.getByTestId("code-sent")).containsText(person.email());
        return SecondStepUser.awaitNewCode(mail, person.email(), before);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void aPersonSignsInWithTheCodeSentByEmail() {
        TestUser person = directory.client(directory.company());
        Page page = browser.newSession(baseUrl());
        Browser.signIn(page, person.email(), person.password());
        assertThat(page).hasURL(Pattern.compile("/connexion/verification"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Encore une étape")))
                .isVisible();
        assertThat(page.getByTestId("passkey-step")).hasCount(0);
        Browser.screenshot(page, "second-step-start-1280");

        String code = askForCode(page, person);
        Browser.screenshot(page, "second-step-code-1280");
        page.getByLabel("Code à 6 chiffres").fill(otherThan(code));
        page.getByTestId("check-code").click();
        assertThat(page.getByTestId("code-error")).containsText("Ce code n'est pas le bon. Il vous reste 4 essais.");
        assertThat(page.getByLabel("Code à 6 chiffres")).hasAttribute("aria-describedby", "code-error");
        Browser.screenshot(page, "second-step-wrong-code-1280");

        page.getByLabel("Code à 6 chiffres").fill(code);
        page.getByTestId("check-code").click();
        assertThat(page).hasURL(baseUrl() + "/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Boîte de réception")))
                .isVisible();

        TestUser onPhone = directory.collaborator();
        Page phone = browser.newSession(baseUrl(), 390, 844);
        Browser.signIn(phone, onPhone.email(), onPhone.password());
        Browser.screenshot(phone, "second-step-start-390");
        String phoneCode = askForCode(phone, onPhone);
        phone.getByLabel("Code à 6 chiffres").fill(otherThan(phoneCode));
        phone.getByTestId("check-code").click();
        assertThat(phone.getByTestId("code-error")).isVisible();
        Browser.screenshot(phone, "second-step-code-390");
        phone.getByLabel("Code à 6 chiffres").fill(phoneCode);
        phone.getByTestId("check-code").click();
        assertThat(phone).hasURL(baseUrl() + "/");
    }

    @Test
    void aPersonRegistersAPasskeyThenSignsInWithIt() {
        TestUser person = directory.collaborator();
        Page page = browser.newSession(baseUrl());
        CDPSession cdp = page.context().newCDPSession(page);
        cdp.send("WebAuthn.enable");
        var options = new JsonObject();
        options.addProperty("protocol", "ctap2");
        options.addProperty("transport", "internal");
        options.addProperty("hasResidentKey", true);
        options.addProperty("hasUserVerification", true);
        options.addProperty("isUserVerified", true);
        var authenticator = new JsonObject();
        authenticator.add("options", options);
        cdp.send("WebAuthn.addVirtualAuthenticator", authenticator);

        Browser.signIn(page, person.email(), person.password());
        String code = askForCode(page, person);
        page.getByLabel("Code à 6 chiffres").fill(code);
        page.getByTestId("check-code").click();
        assertThat(page).hasURL(baseUrl() + "/");

        page.navigate("/profil");
        page.getByTestId("manage-passkeys").click();
        assertThat(page.getByTestId("no-passkey")).isVisible();
        // The form works through passkeys.js: wait until the page has run its scripts (a loaded machine is slow).
        page.waitForLoadState(LoadState.LOAD);
        page.getByTestId("add-passkey").click();
        assertThat(page.getByTestId("passkey-error")).containsText("Donnez un nom à cette clé d'accès.");
        page.getByLabel("Nom de la clé").fill("Ordinateur du bureau");
        page.getByTestId("add-passkey").click();
        assertThat(page.getByTestId("passkey-label")).hasText("Ordinateur du bureau");
        Browser.screenshot(page, "passkeys-1280");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(person.name()))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Se déconnecter"))
                .click();
        assertThat(page).hasURL(Pattern.compile("/login\\?logout"));

        int codes = SecondStepUser.codeMails(mail, person.email()).size();
        Browser.signIn(page, person.email(), person.password());
        assertThat(page.getByTestId("passkey-step")).isVisible();
        page.waitForLoadState(LoadState.LOAD);
        Browser.screenshot(page, "second-step-passkey-1280");
        page.getByTestId("use-passkey").click();
        assertThat(page).hasURL(baseUrl() + "/");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Boîte de réception")))
                .isVisible();
        assertThat(SecondStepUser.codeMails(mail, person.email())).hasSize(codes);
    }
}
