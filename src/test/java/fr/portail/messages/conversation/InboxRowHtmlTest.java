package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Inbox rows are kept once rendered (InboxRowHtml): a kept row is exactly the row rendered again, and every change of
 * what the row shows (a reply, reading, time passing, "Terminé", the language, the search words, another person's read
 * state) shows at once.
 */
@IntegrationTest
class InboxRowHtmlTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    InboxActions actions;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aKeptRowIsTheRowRenderedAgainAndFollowsEveryChangeOfWhatItShows() {
        Firm firm = testDirectory
                .firm()
                .company("acme")
                .collaborator("alice", "acme")
                .collaborator("bruno")
                .create();
        clock.freeze();
        UUID id = create(firm, "Bilan annuel", "<p>Premier message</p>");
        HttpUser alice = new HttpUser(port).signedIn(firm.email("alice"), TestDirectory.PASSWORD);

        String first = row(alice.get("/").body(), id);
        assertThat(row(alice.get("/").body(), id))
                .isEqualTo(first)
                .contains("is-unread", "Bilan annuel", "Premier message", "à l&#39;instant");

        conversations.reply(firm.viewer("bruno"), id, "<p>Deuxième message</p>", List.of());
        assertThat(row(alice.get("/").body(), id)).contains("Deuxième message").doesNotContain("Premier message");

        alice.get("/conversations/" + id);
        assertThat(row(alice.get("/").body(), id)).doesNotContain("is-unread");

        clock.advance(Duration.ofMinutes(20));
        assertThat(row(alice.get("/").body(), id)).contains("il y a 20 min");

        alice.addCookie("messages-lang", "en");
        assertThat(row(alice.get("/").body(), id))
                .contains("Company", "20 min ago")
                .doesNotContain("Entreprise");

        assertThat(row(alice.get("/?q=bilan").body(), id)).contains("/conversations/" + id + "?q=bilan");
        assertThat(row(alice.get("/").body(), id)).doesNotContain("q=bilan");

        actions.apply(firm.viewer("alice"), id, BulkAction.DONE);
        assertThat(alice.get("/").body()).doesNotContain("data-conversation=\"" + id + "\"");
        assertThat(row(alice.get("/?view=done").body(), id)).contains("data-testid=\"done-badge\"");
    }

    @Test
    void twoPeopleShownTheSameConversationEachSeeTheirOwnReadState() {
        Firm firm = testDirectory
                .firm()
                .company("acme")
                .collaborator("alice", "acme")
                .collaborator("bruno")
                .collaborator("carla", "acme")
                .create();
        UUID id = create(firm, "Déclaration de TVA", "<p>À signer</p>");
        HttpUser alice = new HttpUser(port).signedIn(firm.email("alice"), TestDirectory.PASSWORD);
        HttpUser carla = new HttpUser(port).signedIn(firm.email("carla"), TestDirectory.PASSWORD);
        assertThat(row(alice.get("/").body(), id)).contains("is-unread");
        assertThat(row(carla.get("/").body(), id)).contains("is-unread");

        alice.get("/conversations/" + id);

        assertThat(row(alice.get("/").body(), id)).doesNotContain("is-unread");
        assertThat(row(carla.get("/").body(), id)).contains("is-unread");
    }

    private UUID create(Firm firm, String subject, String body) {
        return conversations.create(
                firm.viewer("bruno"),
                new NewConversation(
                        ConversationType.ENTREPRISE, firm.companyId("acme"), List.of(firm.id("alice")), subject, body));
    }

    /** The row of that conversation in an inbox page. */
    private static String row(String page, UUID id) {
        int start = page.indexOf("<li class=\"list-group-item p-0 inbox-item\" data-conversation=\"" + id + "\"");
        assertThat(start).as("a row for %s", id).isNotNegative();
        return page.substring(start, page.indexOf("</li>", start) + "</li>".length());
    }
}
