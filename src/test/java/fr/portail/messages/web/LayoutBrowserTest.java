package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.Cookie;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page at phone width (390 × 844) and at desktop width, in French and in English: nothing overflows
 * horizontally on a phone, "+ Créer" is one tap away there, and axe-core (run by {@link Browser} on every page load)
 * finds no serious or critical violation. Phone screenshots land in target/screenshots.
 */
@IntegrationTest
class LayoutBrowserTest {

    private static final int PHONE_WIDTH = 390;
    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void everyPageFitsAPhoneAndPassesAxeInBothLanguages() {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .administrator("admin", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        UUID conversation = conversations.create(
                firm.viewer("paul"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        List.of(firm.id("admin")),
                        "Déclaration de TVA du deuxième trimestre et justificatifs des immobilisations",
                        "<p>Bonjour, voici le lien https://impots.example/un-tres-long-chemin-sans-espace-"
                                + "qui-ne-doit-pas-deborder-de-l-ecran-du-telephone-0123456789 et un mot "
                                + "anticonstitutionnellementdéraisonnablementinterminable.</p>"));
        conversations.reply(firm.viewer("admin"), conversation, "<p>Merci, je regarde.</p>", List.of());
        List<String> pages = List.of(
                "/",
                "/conversations/" + conversation,
                "/conversations/nouvelle",
                "/entreprises",
                "/notifications",
                "/profil",
                "/admin",
                "/admin/utilisateurs",
                "/admin/utilisateurs/" + firm.id("paul"),
                "/admin/utilisateurs/inviter",
                "/admin/entreprises",
                "/admin/entreprises/" + firm.companyId("dup"),
                "/admin/import",
                "/admin/audit",
                "/admin/emails",
                "/conversations/" + UUID.randomUUID());
        for (String language : List.of("fr", "en")) {
            for (int width : List.of(PHONE_WIDTH, 1280)) {
                Page page = browser.newSession("http://localhost:" + port, width, width == PHONE_WIDTH ? 844 : 900);
                page.context()
                        .addCookies(List.of(new Cookie("messages-lang", language)
                                .setDomain("localhost")
                                .setPath("/")));
                page.navigate("/login");
                assertFits(page, width);
                Browser.signIn(page, firm.email("admin"), TestDirectory.PASSWORD);
                for (String path : pages) {
                    page.navigate(path);
                    assertThat(page.locator("html").getAttribute("lang")).isEqualTo(language);
                    assertFits(page, width);
                }
                if (width == PHONE_WIDTH) {
                    page.navigate("/");
                    assertThat(page.getByTestId("create-fab").isVisible()).isTrue();
                    Browser.screenshot(page, "phone-inbox-" + language);
                    page.navigate("/conversations/" + conversation);
                    Browser.screenshot(page, "phone-conversation-" + language);
                    page.getByTestId("create-fab").click();
                    page.waitForURL("**/conversations/nouvelle");
                    Browser.screenshot(page, "phone-new-conversation-" + language);
                }
                page.context().close();
            }
        }
    }

    @Test
    void darkModeFollowsTheSystemAndCanBeChosenOnTheProfilePage() {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        UUID conversation = conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        List.of(firm.id("paul")),
                        "Mode sombre",
                        "<p>Bonjour</p>"));
        Page page = browser.newSession("http://localhost:" + port);
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        Browser.signIn(page, firm.email("paul"), TestDirectory.PASSWORD);
        assertThat(page.locator("html").getAttribute("data-bs-theme")).isEqualTo("dark");
        page.navigate("/conversations/" + conversation);
        Browser.screenshot(page, "dark-conversation");
        page.navigate("/conversations/nouvelle");
        page.navigate("/profil");
        assertThat(page.getByTestId("theme-auto").isChecked()).isTrue();
        page.getByTestId("theme-light").check();
        assertThat(page.locator("html").getAttribute("data-bs-theme")).isEqualTo("light");
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        page.getByTestId("theme-dark").check();
        page.navigate("/");
        assertThat(page.locator("html").getAttribute("data-bs-theme")).isEqualTo("dark");
        Browser.screenshot(page, "dark-inbox");
        page.context().close();
    }

    private static void assertFits(Page page, int width) {
        Object sizes =
                page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth, location.pathname]");
        List<?> values = (List<?>) sizes;
        assertThat(((Number) values.get(0)).intValue())
                .as("page %s is wider than the window at %d px", values.get(2), width)
                .isLessThanOrEqualTo(((Number) values.get(1)).intValue());
    }
}
