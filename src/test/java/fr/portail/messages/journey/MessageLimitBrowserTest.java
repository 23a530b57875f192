package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reply over the message size limit (256 KiB) in a real browser: the editor says why next to itself and keeps the
 * text, and nothing is sent; shortened, it goes.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageLimitBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    static final Browser browser = Browser.launch();

    Firm firm;
    UUID bilan;

    @BeforeEach
    void bilan() {
        firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        bilan = conversations.create(
                firm.viewer("alice"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("dup"),
                        List.of(firm.id("paul")),
                        "Bilan 2025",
                        "<p>Pièces à fournir.</p>"));
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {1280, 390})
    void aReplyTooLongIsNotSentAndTheEditorSaysWhyAndKeepsTheText(int width) {
        Page paul = browser.newSession("http://localhost:" + port, width, width > 400 ? 900 : 844);
        try {
            // The draft of a text this long is refused as well (at most 256 K characters), while being typed.
            browser.expect(400, "/brouillons");
            Browser.signIn(paul, firm.email("paul"), TestDirectory.PASSWORD);
            paul.navigate("/conversations/" + bilan);
            // 300,000 characters pasted at once: over 256 KiB of HTML.
            paul.evaluate("() => document.querySelector('#reply [data-editor]').__quill"
                    + ".setText('Écritures de décembre. '.repeat(13000), 'user')");
            paul.click("[data-testid=reply-send]");
            var error = paul.locator("#reply [data-attachment-error]");
            assertThat(error)
                    .hasText("Le message est trop long : 256 Ko au plus une fois mis en forme."
                            + " Raccourcissez-le ou joignez le texte en fichier.");
            assertThat(paul.locator("#reply .ql-editor")).containsText("Écritures de décembre.");
            // The visible part only: the whole page, with its 300,000 characters, is too tall to picture.
            error.scrollIntoViewIfNeeded();
            paul.screenshot(new Page.ScreenshotOptions()
                    .setPath(Paths.get("target", "screenshots", "reply-too-long-" + width + ".png")));
            assertThat(messages()).isEqualTo(1);

            paul.evaluate("() => document.querySelector('#reply [data-editor]').__quill"
                    + ".setText('Écritures de décembre.', 'user')");
            paul.keyboard().press("Control+Enter");
            assertThat(paul.locator("[data-testid=message-body]")).hasCount(2);
            assertThat(error).isEmpty();
            assertThat(messages()).isEqualTo(2);
        } finally {
            paul.context().close();
        }
    }

    private long messages() {
        return jdbc.sql("select count(*) from message where conversation_id = ?")
                .param(bilan)
                .query(Long.class)
                .single();
    }
}
