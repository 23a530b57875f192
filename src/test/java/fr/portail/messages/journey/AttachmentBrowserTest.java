package fr.portail.messages.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
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
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The paperclip in a real browser: attach, send, download the same bytes; an oversized file is refused at once. Each
 * test makes its own firm and conversation, so that it changes nothing another journey looks at.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentBrowserTest {

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
                .client("marie", List.of("dup"), List.of("dup"))
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

    private Page openBilanAs(String key) {
        Page page = browser.newSession("http://localhost:" + port);
        Browser.signIn(page, firm.email(key), TestDirectory.PASSWORD);
        page.navigate("/conversations/" + bilan);
        return page;
    }

    @Test
    void attachedFileIsSentWithTheReplyAndDownloadsIdentical() throws Exception {
        Page paul = openBilanAs("paul");
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

        Page alice = openBilanAs("alice");
        Download download = alice.waitForDownload(() -> alice.locator(
                        "[data-testid=attachment-link]", new Page.LocatorOptions().setHasText("relevés décembre.pdf"))
                .click());
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("relevés décembre.pdf");
        org.assertj.core.api.Assertions.assertThat(Files.readAllBytes(download.path()))
                .isEqualTo(content);
    }

    @Test
    void fileOver100MegabytesIsRefusedInTheBrowserBeforeAnyUpload() {
        Page marie = openBilanAs("marie");
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

    @Test
    void uploadBeyondTheDailyQuotaIsRefusedWithItsReasonInTheEditor() {
        // Paul has already uploaded all but 10 bytes of his 2 GiB for the day.
        jdbc.sql("insert into attachment_upload (attachment_id, uploader_id, size, uploaded_at) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), firm.id("paul"), (2L << 30) - 10, OffsetDateTime.now())
                .update();
        browser.expect(429, "/api/v1/attachments");
        Page paul = openBilanAs("paul");
        FileChooser chooser = paul.waitForFileChooser(() -> paul.click("#reply [data-attach-button]"));
        chooser.setFiles(new FilePayload("grand-livre.csv", "text/csv", new byte[100]));
        var failed = paul.locator("#reply .attachment-chip.is-failed");
        assertThat(failed).containsText("Le fichier « grand-livre.csv » n'a pas été joint");
        assertThat(failed).containsText("2 Go");
        assertThat(paul.locator("#reply [data-uploaded]")).hasCount(0);
        assertThat(paul.locator("[data-testid=reply-send]")).isEnabled();
        Browser.screenshot(paul, "reply-upload-over-quota");
        paul.setViewportSize(390, 844);
        Browser.screenshot(paul, "reply-upload-over-quota-390");
    }
}
