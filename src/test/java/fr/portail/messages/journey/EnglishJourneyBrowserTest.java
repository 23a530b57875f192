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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client who reads English: she picks English on the login page, signs in, finds in her inbox the company's
 * conversation that a starring client participant opened to her, and replies to it, becoming a participant — every
 * label on the way in English.
 */
@IntegrationTest
class EnglishJourneyBrowserTest {

    @RegisterExtension
    static final Browser browser = Browser.launch();

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Test
    void aClientReadingEnglishFindsAndJoinsHerCompanysConversation() {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .client("marie", List.of("dup"), List.of("dup"))
                .create();
        UUID conversation = conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        List.of(firm.id("paul")),
                        "Annual accounts " + firm.suffix(),
                        "<p>Please send the bank statements.</p>"));

        Page marie = browser.newSession("http://localhost:" + port, "en-GB");
        marie.navigate("/login");
        marie.click("button[name=lang][value=en]");
        assertThat(marie.locator("button[type=submit]").first()).hasText("Sign in");
        Browser.signIn(marie, firm.email("marie"), TestDirectory.PASSWORD);

        assertThat(marie.locator("h1")).hasText("Inbox");
        marie.locator("[data-testid=inbox-row]", new Page.LocatorOptions().setHasText("Annual accounts"))
                .click();
        assertThat(marie).hasURL(Pattern.compile(".*/conversations/" + conversation + "$"));
        assertThat(marie.locator("[data-testid=conversation-type]")).hasText("Company");
        assertThat(marie.locator("#reply"))
                .containsText("By replying you will become a participant of this conversation.");
        Browser.screenshot(marie, "english-conversation");

        marie.click("#reply .ql-editor");
        marie.keyboard().type("Here they are.");
        marie.keyboard().press("Control+Enter");
        assertThat(marie.locator("[data-testid=message-body]").last()).hasText("Here they are.");
        // The reply swaps the thread only; the header's list of participants shows her once the page is reloaded.
        marie.reload();
        assertThat(marie.locator("[data-testid=participants]")).containsText(firm.name("marie"));
        assertThat(marie.locator("#reply")).not().containsText("you will become a participant");
    }
}
