package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import fr.portail.messages.support.Browser;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The paperclip in a real browser: attach, send, download the same bytes; an oversized file is refused at once. */
class AttachmentBrowserTest extends DemoJourneyTest {

    private Page openBilanAs(String email) {
        Page page = signedIn(email);
        page.locator("[data-testid=inbox-row]", new Page.LocatorOptions().setHasText("Bilan 2025"))
                .click();
        page.waitForURL(url -> url.matches(".*/conversations/[0-9a-f-]{36}$"));
        return page;
    }

    @Test
    void attachedFileIsSentWithTheReplyAndDownloadsIdentical() throws Exception {
        Page paul = openBilanAs("paul.dupont@dupont.example");
        byte[] content =
                "Relevés bancaires de décembre\n".repeat(2000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FileChooser chooser = paul.waitForFileChooser(() -> paul.click("#reply [data-attach-button]"));
        chooser.setFiles(new FilePayload("relevés décembre.pdf", "application/pdf", content));
        assertThat(paul.locator("#reply [data-uploaded]")).hasCount(1);
        assertThat(paul.locator("[data-testid=reply-send]")).isEnabled();
        paul.click("#reply .ql-editor");
        paul.keyboard().type("Voici les relevés.");
        Browser.screenshot(paul, "reply-with-attachment");
        paul.keyboard().press("Control+Enter");
        var link = paul.locator(
                "[data-testid=attachment-link]", new Page.LocatorOptions().setHasText("relevés décembre.pdf"));
        assertThat(link).hasCount(1);
        Browser.screenshot(paul, "conversation-with-attachment");

        Page alice = openBilanAs("alice.martin@cabinet.example");
        Download download = alice.waitForDownload(() -> alice.locator(
                        "[data-testid=attachment-link]", new Page.LocatorOptions().setHasText("relevés décembre.pdf"))
                .click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("relevés décembre.pdf");
        org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(download.path()))
                .isEqualTo(content);
    }

    @Test
    void fileOver100MegabytesIsRefusedInTheBrowserBeforeAnyUpload() {
        Page marie = openBilanAs("marie.dupont@dupont.example");
        marie.evaluate("""
                () => {
                  const input = document.querySelector('#reply [data-file-input]');
                  const big = new File([new Uint8Array(8)], 'enorme.zip');
                  Object.defineProperty(big, 'size', { value: 104857601 });
                  const files = new DataTransfer();
                  files.items.add(big);
                  Object.defineProperty(input, 'files', { value: files.files });
                  input.dispatchEvent(new Event('change'));
                }
                """);
        assertThat(marie.locator("#reply [data-attachment-error]")).containsText("enorme.zip");
        assertThat(marie.locator("#reply [data-attachment-error]")).containsText("100 Mo");
        assertThat(marie.locator("#reply .attachment-chip")).hasCount(0);
    }
}
