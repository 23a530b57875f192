package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A reply the server refuses says why next to the editor, and gives back what the person wrote and attached: nothing
 * to type or upload again. The test makes its own firm and conversation, so that it changes nothing another journey
 * looks at.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedReplyBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    Browser browser;

    @BeforeAll
    void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    void close() {
        browser.close();
    }

    @Test
    void aRefusedReplyShowsItsReasonAndKeepsTheTextAndTheFiles() {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        UUID bilan = conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        List.of(firm.id("paul")),
                        "Bilan 2025",
                        "<p>Pièces à fournir.</p>"));
        Page paul = browser.newSession("http://localhost:" + port);
        Browser.signIn(paul, firm.email("paul"), TestDirectory.PASSWORD);
        paul.navigate("/conversations/" + bilan);
        int messages = 1;

        FileChooser chooser = paul.waitForFileChooser(() -> paul.click("#reply [data-attach-button]"));
        chooser.setFiles(new FilePayload(
                "grand livre.pdf", "application/pdf", "Grand livre\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(paul.locator("#reply [data-uploaded]")).hasCount(1);
        paul.click("#reply .ql-editor");
        paul.keyboard().type("Voici le grand livre.");
        // A file that does not exist (uploaded from another tab and swept since, say): the server refuses the reply.
        paul.evaluate(
                "id => { const input = document.createElement('input'); input.type = 'hidden';"
                        + " input.name = 'attachmentIds'; input.value = id; document.getElementById('reply').append(input); }",
                UUID.randomUUID().toString());
        paul.click("[data-testid=reply-send]");

        assertThat(paul.locator("#reply [data-testid=attachmentIds-error]"))
                .containsText("Une pièce jointe est introuvable");
        assertThat(paul.locator("#reply [data-testid=attachmentIds-error]"))
                .not()
                .containsText("message");
        assertThat(paul.locator("#reply .ql-editor")).containsText("Voici le grand livre.");
        assertThat(paul.locator("#reply [data-uploaded]")).hasCount(1);
        assertThat(paul.locator("#reply [data-uploaded]")).containsText("grand livre.pdf");
        assertThat(paul.locator("[data-testid=message-body]")).hasCount(messages);
        Browser.screenshot(paul, "reply-refused");

        // The answer keeps only the files that exist: sent again as it is, the reply goes through with them.
        assertThat(paul.locator("#reply input[name=attachmentIds]")).hasCount(1);
        paul.click("[data-testid=reply-send]");
        assertThat(paul.locator("[data-testid=message-body]")).hasCount(messages + 1);
        assertThat(paul.locator("[data-testid=message-body]").last()).containsText("Voici le grand livre.");
        assertThat(paul.locator(
                        "[data-testid=attachment-link]", new Page.LocatorOptions().setHasText("grand livre.pdf")))
                .hasCount(1);
    }
}
