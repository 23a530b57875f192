package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
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
 * Search from the header, open a result where the words are marked and scrolled to, mark it done from the inbox with
 * the keyboard, and find it under "Terminés"; at desktop width and on a phone.
 */
@IntegrationTest
class SearchBrowserTest {

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
    void searchOpenMarkDoneWithTheKeyboardAndFindItUnderDone() {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        UUID other = create(firm, "Congés d'été", "<p>Les dates de fermeture de la boutique.</p>");
        UUID closing = create(firm, "Clôture de l'exercice", "<p>Bonjour, voici la liste des pièces.</p>");
        for (int i = 1; i <= 8; i++) {
            conversations.reply(
                    firm.viewer(i % 2 == 0 ? "alice" : "paul"),
                    closing,
                    "<p>Relance " + i + " : merci de vérifier le grand livre et les relevés bancaires du mois.</p>",
                    List.of());
        }
        conversations.reply(
                firm.viewer("paul"),
                closing,
                "<p>Les <strong>déclarations</strong> de TVA du trimestre sont prêtes &lt;img src=x&gt;.</p>",
                List.of());
        conversations.reply(firm.viewer("alice"), closing, "<p>Merci, je regarde.</p>", List.of());

        Page page = browser.newSession("http://localhost:" + port);
        Browser.signIn(page, firm.email("alice"), TestDirectory.PASSWORD);

        page.locator("#header-q").fill("declaration");
        page.keyboard().press("e");
        assertThat(page.locator("#header-q")).hasValue("declaratione");
        page.locator("#header-q").fill("déclaration");
        page.locator("#header-q").press("Enter");
        assertThat(page.locator("[data-testid=search-title]")).containsText("déclaration");
        assertThat(page.locator("[data-testid=inbox-row]")).hasCount(1);
        assertThat(page.locator("[data-testid=search-highlight] mark")).hasText("déclarations");
        assertThat(page.locator("[data-testid=search-count]")).containsText("1 message correspondant");
        Browser.screenshot(page, "search-results");

        page.locator("[data-testid=inbox-row]").click();
        assertThat(page.locator("[data-testid=conversation-subject]")).hasText("Clôture de l'exercice");
        assertThat(page.locator("[data-testid=search-banner]")).isVisible();
        var marked = page.locator("li[data-search-match] mark");
        assertThat(marked).hasText("déclarations");
        assertThat(marked).isInViewport();
        Browser.screenshot(page, "search-opened-conversation");

        page.navigate("/");
        assertThat(page.locator("[data-testid=inbox-subject]"))
                .hasText(new String[] {"Clôture de l'exercice", "Congés d'été"});
        page.keyboard().press("j");
        assertThat(page.locator("[data-testid=inbox-row]").first()).isFocused();
        page.keyboard().press("?");
        assertThat(page.locator("[data-testid=shortcuts]")).isVisible();
        Browser.screenshot(page, "inbox-shortcuts");
        page.keyboard().press("Escape");
        assertThat(page.locator("[data-testid=shortcuts]")).isHidden();
        page.locator("[data-testid=inbox-row]").first().focus();
        page.keyboard().press("e");
        assertThat(page.locator("[data-testid=inbox-subject]")).hasText(new String[] {"Congés d'été"});

        page.locator("[data-testid=inbox-views] [data-view=done]").click();
        assertThat(page.locator("[data-testid=inbox-subject]")).hasText(new String[] {"Clôture de l'exercice"});
        Browser.screenshot(page, "inbox-done-view");

        page.setViewportSize(390, 844);
        page.navigate("/?q="
                + java.net.URLEncoder.encode("\"grand livre\" -congés", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.locator("[data-testid=inbox-row]")).hasCount(1);
        Browser.screenshot(page, "search-results-phone");
        page.navigate("/");
        Browser.screenshot(page, "inbox-phone");
        page.context().close();
        org.assertj.core.api.Assertions.assertThat(other).isNotNull();
    }

    private UUID create(Firm firm, String subject, String html) {
        return conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.ENTREPRISE, firm.companyId("dup"), List.of(firm.id("paul")), subject, html));
    }
}
