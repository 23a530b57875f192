package fr.portail.messages.notification;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.support.Browser;
import fr.portail.messages.support.TestDirectory;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journey of a reply by e-mail: a client answers the notification from a mail client, the collaborator who has the
 * conversation open sees the reply in it; then the profile's e-mail modes and the administrators' e-mail settings.
 */
class ReplyByEmailBrowserTest extends EmailTestContext {

    private static final Logger log = LoggerFactory.getLogger(ReplyByEmailBrowserTest.class);
    private static Browser browser;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void aClientRepliesByEmailAndTheCollaboratorSeesTheReplyInTheConversation() throws Exception {
        NotificationFirm firm = NotificationFirm.create(testDirectory).immediate(preferences);
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id()),
                        "Bilan 2025",
                        "<p>Pouvez-vous valider le bilan ?</p>"));
        String address = replyTo(awaitMails(firm.paul, 1).get(0));

        Page alice = browser.newSession("http://localhost:" + port);
        Browser.signIn(alice, firm.alice.email(), TestDirectory.PASSWORD);
        alice.navigate("/conversations/" + conversation);
        assertThat(alice.getByTestId("messages").locator("li")).hasCount(1);

        MimeMessage reply = newMail("<" + UUID.randomUUID() + "@mail.dupont.example>");
        reply.setFrom(firm.paul.email());
        reply.setRecipients(jakarta.mail.Message.RecipientType.TO, address);
        reply.setSubject("Re: Bilan 2025", "UTF-8");
        reply.setText(
                "C'est validé, merci !\n\nLe lun. 1 déc. 2026 à 10:02, Alice a écrit :\n> Pouvez-vous valider le bilan ?",
                "UTF-8");
        long sent = System.nanoTime();
        send(reply);

        // Live updates are not this module's: the collaborator reloads until the reply shows.
        for (int i = 0; i < 60 && alice.getByTestId("messages").locator("li").count() < 2; i++) {
            alice.waitForTimeout(500);
            alice.reload();
        }
        assertThat(alice.getByTestId("messages").locator("li"))
                .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(1000));
        log.info(
                "Reply by e-mail sent to reply visible on the reloaded page: {} ms",
                (System.nanoTime() - sent) / 1_000_000);
        assertThat(alice.getByTestId("messages").locator("li").nth(1)).containsText("C'est validé, merci !");
        assertThat(alice.getByTestId("messages").locator("li").nth(1)).not().containsText("a écrit");
        Browser.screenshot(alice, "reply-by-email-conversation");

        Page paul = browser.newSession("http://localhost:" + port);
        Browser.signIn(paul, firm.paul.email(), TestDirectory.PASSWORD);
        paul.navigate("/profil");
        paul.getByTestId("email-mode-DAILY").check();
        paul.getByTestId("daily-hour").selectOption("7");
        paul.getByTestId("email-notifications-save").click();
        assertThat(paul.getByTestId("email-mode-DAILY")).isChecked();
        Browser.screenshot(paul, "profile-email-modes");
        paul.setViewportSize(390, 844);
        Browser.screenshot(paul, "profile-email-modes-390");

        Page admin = browser.newSession("http://localhost:" + port);
        Browser.signIn(admin, firm.admin.email(), TestDirectory.PASSWORD);
        admin.navigate("/admin/emails");
        assertThat(admin.getByTestId("hide-confidential-subjects")).isChecked();
        Browser.screenshot(admin, "admin-email-settings");
    }
}
