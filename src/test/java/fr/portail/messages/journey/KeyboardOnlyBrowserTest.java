package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Without a mouse: from the inbox, Tab to "+ Créer", pick the company and a participant in the searchable pickers,
 * type the subject and the message, attach a file with the paperclip, send with Ctrl+Entrée, then reply with
 * ⌘+Entrée; after the reply is sent, the focus is back in the reply box.
 */
@IntegrationTest
class KeyboardOnlyBrowserTest {

    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void aConversationWithAnAttachmentIsCreatedAndAnsweredWithTheKeyboardOnly() {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        Page page = browser.newSession("http://localhost:" + port);
        Browser.signIn(page, firm.email("paul"), TestDirectory.PASSWORD);

        tabTo(page, "[data-testid=create-button]");
        page.keyboard().press("Enter");
        page.waitForURL("**/conversations/nouvelle");

        tabTo(page, "#companyId-ts-control");
        page.keyboard().type(firm.companyName("dup"));
        assertThat(page.locator("#companyId-ts-dropdown .option.active")).containsText(firm.companyName("dup"));
        page.keyboard().press("Enter");
        tabTo(page, "#participantIds-ts-control");
        page.keyboard().type(firm.name("alice"));
        assertThat(page.locator("#participantIds-ts-dropdown .option.active")).containsText(firm.name("alice"));
        page.keyboard().press("Enter");
        tabTo(page, "#subject");
        page.keyboard().type("Relevés de décembre");
        tabTo(page, "#new-conversation [data-attach-button]");
        // Enter on the paperclip opens the file input; the system's file dialog itself is outside the page, so the
        // file is then given to that input directly.
        page.evaluate("() => document.querySelector('#new-conversation [data-file-input]')"
                + ".addEventListener('click', () => window.fileInputOpened = true)");
        page.keyboard().press("Enter");
        assertThat((Boolean) page.evaluate("() => window.fileInputOpened === true"))
                .isTrue();
        page.setInputFiles(
                "#new-conversation [data-file-input]",
                new FilePayload(
                        "releves.pdf", "application/pdf", "%PDF-1.4 relevés\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator("#new-conversation [data-uploaded]")).hasCount(1);
        tabTo(page, "#new-conversation .ql-editor");
        page.keyboard().type("Voici les relevés.");
        page.keyboard().press("Control+Enter");

        page.waitForURL(url -> url.matches(".*/conversations/[0-9a-f-]{36}$"));
        assertThat(page.getByTestId("conversation-subject")).hasText("Relevés de décembre");
        assertThat(page.getByTestId("attachment-link")).containsText("releves.pdf");

        tabTo(page, "#reply .ql-editor");
        page.keyboard().type("Et le complément.");
        page.keyboard().press("Meta+Enter");
        assertThat(page.getByTestId("message-body").filter(new Locator.FilterOptions().setHasText("Et le complément.")))
                .isVisible();
        // Focus returns to the new reply box (the assertion waits for it, as a person would).
        assertThat(page.locator("#reply .ql-editor")).isFocused();
        Browser.screenshot(page, "keyboard-only-reply");
        page.context().close();
    }

    /** Presses Tab until the element matching {@code selector} has the focus. */
    private static void tabTo(Page page, String selector) {
        for (int presses = 0; presses < 80; presses++) {
            if ((Boolean)
                    page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached " + selector);
    }
}
