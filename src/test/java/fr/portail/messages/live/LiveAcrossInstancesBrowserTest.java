package fr.portail.messages.live;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import fr.portail.messages.MessagesApplication;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * People in separate browsers on two application instances that share one database: what Alice posts on one appears
 * without a reload on the pages open on the other (Paul's conversation, Marie's inbox row and bell), through PostgreSQL NOTIFY and the
 * event stream. The latency seen by the browser is written to target/live/latency.txt; speed itself is measured by
 * bench/run.sh, not asserted here.
 */
@IntegrationTest
class LiveAcrossInstancesBrowserTest {

    private static final Logger log = LoggerFactory.getLogger(LiveAcrossInstancesBrowserTest.class);
    private static final LocatorAssertions.IsVisibleOptions SOON =
            new LocatorAssertions.IsVisibleOptions().setTimeout(10_000);

    private static Browser browser;
    private static ConfigurableApplicationContext secondInstance;

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @BeforeAll
    static void start() {
        browser = Browser.launch();
        secondInstance = new SpringApplicationBuilder(MessagesApplication.class)
                .properties(
                        "server.port=0",
                        "spring.main.banner-mode=off",
                        "messages.embedded-database.ephemeral=true",
                        "messages.demo-data=false",
                        "messages.embedded-smtp.port=0",
                        "messages.data-dir=" + System.getProperty("messages.test-data-dir", "target/test-data"))
                .run();
    }

    @AfterAll
    static void stop() {
        if (secondInstance != null) {
            secondInstance.close();
        }
        browser.close();
    }

    @Test
    void aReplyOnOneInstanceAppearsOnTheOtherWithoutReload() throws IOException {
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
                        List.of(firm.id("paul"), firm.id("marie")),
                        "Bilan 2025",
                        "<p>Voici le bilan.</p>"));
        int secondPort =
                ((WebServerApplicationContext) secondInstance).getWebServer().getPort();

        Page paulThread = browser.newSession("http://localhost:" + port);
        Browser.signIn(paulThread, firm.email("paul"), TestDirectory.PASSWORD);
        // Marie, another participant, waits on her inbox in a browser of her own.
        Page marieInbox = browser.newSession("http://localhost:" + port);
        Browser.signIn(marieInbox, firm.email("marie"), TestDirectory.PASSWORD);
        paulThread.navigate("/conversations/" + conversation);
        waitForStream(paulThread);
        waitForStream(marieInbox);
        assertThat(marieInbox.getByTestId("notification-count")).hasText("1");

        Page alice = browser.newSession("http://localhost:" + secondPort);
        // Alice is on a Mac: the hint shows ⌘, and she sends with ⌘+Entrée.
        alice.addInitScript("Object.defineProperty(navigator, 'platform', { get: () => 'MacIntel' })");
        Browser.signIn(alice, firm.email("alice"), TestDirectory.PASSWORD);
        alice.navigate("/conversations/" + conversation);
        assertThat(alice.locator("#reply [data-shortcut-hint]")).hasText("⌘+Entrée pour envoyer");
        assertThat(paulThread.locator("#reply [data-shortcut-hint]")).hasText("Ctrl+Entrée pour envoyer");
        waitForStream(alice);

        alice.locator("#reply .ql-editor").click();
        alice.keyboard().type("Pouvez-vous valider avant vendredi ?");
        long posted = System.nanoTime();
        alice.keyboard().press("Meta+Enter");
        Locator reply = paulThread
                .getByTestId("message-body")
                .filter(new Locator.FilterOptions().setHasText("Pouvez-vous valider avant vendredi ?"));
        assertThat(reply).isVisible(SOON);
        long shownMillis = (System.nanoTime() - posted) / 1_000_000;
        assertThat(paulThread.locator("#live-announcer")).containsText("Nouveau message de " + firm.name("alice"));
        assertThat(marieInbox
                        .getByTestId("inbox-row")
                        .filter(new Locator.FilterOptions().setHasText("Pouvez-vous valider avant vendredi ?")))
                .isVisible(SOON);
        assertThat(marieInbox.getByTestId("notification-count")).hasText("2");
        Browser.screenshot(paulThread, "live-conversation");
        Browser.screenshot(marieInbox, "live-inbox");
        // Paul's open page read the reply as it arrived: "Vu par Paul" appears under it on Alice's page, on the
        // other instance, without a reload.
        assertThat(alice.locator("[data-message]")
                        .filter(new Locator.FilterOptions().setHasText("Pouvez-vous valider avant vendredi ?"))
                        .getByTestId("seen-by"))
                .containsText(
                        "Vu par " + firm.name("paul"), new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        Browser.screenshot(alice, "live-seen-by");

        // And back, from the first instance to the second, sent with Ctrl+Entrée.
        paulThread.locator("#reply .ql-editor").click();
        paulThread.keyboard().type("Validé, merci.");
        paulThread.keyboard().press("Control+Enter");
        assertThat(alice.getByTestId("message-body").filter(new Locator.FilterOptions().setHasText("Validé, merci.")))
                .isVisible(SOON);

        Path latency = Path.of("target", "live", "latency.txt");
        Files.createDirectories(latency.getParent());
        Files.writeString(
                latency,
                "reply on instance 2 shown on instance 1 after " + shownMillis + " ms (from the key press)\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        log.info("Live reply shown across instances after {} ms", shownMillis);
        paulThread.context().close();
        marieInbox.context().close();
        alice.context().close();
    }

    @Test
    void aDraftIsKeptOnTheServerRestoredOnAnotherDeviceAndRemovedWhenSent() {
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
                        "Brouillons",
                        "<p>Bonjour</p>"));
        Page laptop = browser.newSession("http://localhost:" + port);
        Browser.signIn(laptop, firm.email("paul"), TestDirectory.PASSWORD);
        laptop.navigate("/conversations/" + conversation);
        laptop.locator("#reply .ql-editor").click();
        laptop.keyboard().type("Réponse commencée sur le portable");
        assertThat(laptop.locator("#reply [data-draft-status]")).hasText("Brouillon enregistré");
        laptop.navigate("/conversations/nouvelle");
        laptop.locator("#subject").fill("Sujet en cours");
        laptop.locator("#new-conversation .ql-editor").click();
        laptop.keyboard().type("Nouvelle conversation commencée");
        assertThat(laptop.locator("#new-conversation [data-draft-status]")).hasText("Brouillon enregistré");

        // Another device: both drafts come back.
        Page phone = browser.newSession("http://localhost:" + port, 390, 844);
        Browser.signIn(phone, firm.email("paul"), TestDirectory.PASSWORD);
        phone.navigate("/conversations/" + conversation);
        assertThat(phone.locator("#reply .ql-editor")).containsText("Réponse commencée sur le portable");
        phone.navigate("/conversations/nouvelle");
        assertThat(phone.locator("#subject")).hasValue("Sujet en cours");
        assertThat(phone.locator("#new-conversation .ql-editor")).containsText("Nouvelle conversation commencée");

        // Sent from the phone: gone everywhere.
        phone.navigate("/conversations/" + conversation);
        phone.locator("#reply .ql-editor").click();
        phone.keyboard().press("End");
        phone.keyboard().type(" et finie sur le téléphone.");
        phone.keyboard().press("Control+Enter");
        assertThat(phone.getByTestId("message-body")
                        .filter(new Locator.FilterOptions().setHasText("finie sur le téléphone")))
                .isVisible(SOON);
        laptop.navigate("/conversations/" + conversation);
        assertThat(laptop.getByTestId("message-body")
                        .filter(new Locator.FilterOptions().setHasText("finie sur le téléphone")))
                .isVisible();
        assertThat(laptop.locator("#reply [data-draft-status]")).hasText("");
        assertThat(laptop.locator("#reply .ql-editor")).not().containsText("portable");
        laptop.context().close();
        phone.context().close();
    }

    private static void waitForStream(Page page) {
        assertThat(page.locator("body[data-live='open']")).isVisible(SOON);
    }
}
