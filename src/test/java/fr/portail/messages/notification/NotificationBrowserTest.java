package fr.portail.messages.notification;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.TestDirectory;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * A journey in a real browser: Paul waits on his inbox, Alice replies in her own browser, Paul's bell count rises
 * without a reload, and the bell leads him to the conversation. Screenshots land in {@code target/screenshots}.
 */
@Import(TestDirectory.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = NotificationPagesTest.PROPERTIES)
@AutoConfigureMockMvc // unused here: it makes this context the very one of NotificationPagesTest, started once
class NotificationBrowserTest {

    private static final Logger log = LoggerFactory.getLogger(NotificationBrowserTest.class);

    @RegisterExtension
    static final Browser browser = Browser.launch();

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    EmbeddedMailServer mailServer;

    @Autowired
    EmailPreferences preferences;

    @Test
    void theBellCountRisesWhenSomeoneRepliesAndLeadsToTheConversation() {
        NotificationFirm firm = NotificationFirm.create(testDirectory).immediate(preferences);
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id()),
                        "Bilan 2025",
                        "<p>Voici le bilan provisoire.</p>"));
        conversations.create(
                firm.bob,
                new NewConversation(
                        ConversationType.CONFIDENTIEL,
                        firm.companyId,
                        List.of(firm.paul.id()),
                        "Honoraires 2026",
                        "<p>Proposition jointe.</p>"));

        try (BrowserContext paulContext = newProfile();
                BrowserContext aliceContext = newProfile()) {
            Page paul = signIn(paulContext, firm.paul);
            var bellCount = paul.getByTestId("notification-count");
            assertThat(bellCount).hasText("2");
            log.info(
                    "Session cookies on a real server: {}",
                    paulContext.cookies().stream()
                            .map(c -> c.name + " httpOnly=" + c.httpOnly + " sameSite=" + c.sameSite)
                            .toList());

            Page alice = signIn(aliceContext, firm.alice);
            alice.navigate(url("/conversations/" + conversation));
            alice.locator("#reply .ql-editor").click();
            alice.keyboard().type("Pouvez-vous valider le bilan avant vendredi ?");
            alice.getByTestId("reply-send").click();
            assertThat(alice.getByTestId("messages").locator("li")).hasCount(2);

            // No reload on Paul's side: the bell refreshes itself.
            assertThat(bellCount).hasText("3", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
            Browser.screenshot(paul, "bell");

            paul.getByTestId("notification-bell").click();
            paul.waitForURL(url("/notifications"));
            assertThat(paul.getByTestId("notification")).hasCount(2);
            Browser.screenshot(paul, "notifications");

            paul.getByTestId("notification")
                    .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Bilan 2025"))
                    .click();
            paul.waitForURL(url("/conversations/" + conversation));
            assertThat(paul.getByTestId("conversation-subject")).hasText("Bilan 2025");
            assertThat(paul.getByTestId("notification-count")).hasText("1");
            assertThat(paul.getByTestId("mute-toggle")).containsText("Ne plus suivre");
            paul.getByTestId("mute-toggle").click();
            assertThat(paul.getByTestId("mute-toggle")).containsText("Suivre à nouveau");
            Browser.screenshot(paul, "conversation");

            paul.navigate(url("/profil"));
            assertThat(paul.getByTestId("email-mode-IMMEDIATE")).isChecked();
            paul.getByTestId("email-mode-NONE").check();
            paul.getByTestId("email-notifications-save").click();
            assertThat(paul.getByTestId("email-mode-NONE")).isChecked();
            paul.locator("#token-name").fill("Logiciel comptable");
            paul.getByTestId("create-token").click();
            assertThat(paul.getByTestId("created-token-value")).hasValue(Pattern.compile("msg_.+"));
            Browser.screenshot(paul, "profile");

            paul.navigate(url("/notifications"));
            paul.getByTestId("mark-all-read").click();
            assertThat(paul.getByTestId("notification-count")).hasCount(0);
        }

        try (BrowserContext adminContext = newProfile()) {
            Page admin = signIn(adminContext, firm.admin);
            admin.navigate(url("/admin/emails"));
            assertThat(admin.getByTestId("caught-emails")).containsText(firm.companyName() + " — Bilan 2025");
            // Paul: the first message and Alice's reply, each once; nothing after he turned e-mails off.
            assertThat(mailServer.receivedEmails().stream()
                            .filter(mail -> mail.to().contains(firm.paul.email()))
                            .filter(mail -> mail.subject().equals(firm.companyName() + " — Bilan 2025"))
                            .count())
                    .isEqualTo(2);
            Browser.screenshot(admin, "admin-emails");
        }
    }

    /** A fresh profile with one blank page, closed with the returned context. */
    private BrowserContext newProfile() {
        return browser.newSession(url("")).context();
    }

    private Page signIn(BrowserContext context, Viewer person) {
        Page page = context.pages().get(0);
        page.navigate(url("/login"));
        page.locator("#username").fill(person.email());
        page.locator("#password").fill(TestDirectory.PASSWORD);
        page.locator("form[action='/login'] button[type=submit]").click();
        page.waitForURL(url("/"));
        return page;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
