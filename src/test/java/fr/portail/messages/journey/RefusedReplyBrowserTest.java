package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import fr.portail.messages.support.Browser;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A reply the server refuses says why next to the editor, and gives back what the person wrote and attached: nothing
 * to type or upload again.
 */
class RefusedReplyBrowserTest extends DemoJourneyTest {

    @Test
    void aRefusedReplyShowsItsReasonAndKeepsTheTextAndTheFiles() {
        Page paul = signedIn("paul.dupont@dupont.example");
        paul.locator("[data-testid=inbox-row]", new Page.LocatorOptions().setHasText("Bilan 2025"))
                .click();
        paul.waitForURL(url -> url.matches(".*/conversations/[0-9a-f-]{36}$"));
        int messages = paul.locator("[data-testid=message-body]").count();

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
