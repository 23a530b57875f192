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
 * A conversation's messages are kept once rendered (MessageHtml): a kept message is exactly the message rendered
 * again, and what changes around it (who read it, whose it is, a search, time passing, the language) shows at once.
 */
@IntegrationTest
class MessageHtmlTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aKeptMessageIsTheMessageRenderedAgainAndFollowsWhatChangesAroundIt() {
        Firm firm = testDirectory
                .firm()
                .company("acme")
                .collaborator("alice", "acme")
                .collaborator("bruno")
                .create();
        clock.freeze();
        UUID id = conversations.create(
                firm.viewer("bruno"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("acme"),
                        List.of(firm.id("alice")),
                        "Liasse fiscale",
                        "<p>La liasse est prête</p>"));
        HttpUser alice = new HttpUser(port).signedIn(firm.email("alice"), TestDirectory.PASSWORD);
        HttpUser bruno = new HttpUser(port).signedIn(firm.email("bruno"), TestDirectory.PASSWORD);
        String path = "/conversations/" + id;

        String first = message(bruno.get(path).body());
        assertThat(first).contains("is-own", "La liasse est prête").doesNotContain("Vu par");
        assertThat(message(bruno.get(path).body())).isEqualTo(first);

        assertThat(message(alice.get(path).body())).doesNotContain("is-own");
        assertThat(message(bruno.get(path).body())).contains("is-own", "Vu par " + firm.name("alice"));

        assertThat(message(alice.get(path + "?q=liasse").body()))
                .contains("is-search-match")
                .doesNotContain("is-own");
        assertThat(message(alice.get(path).body())).doesNotContain("is-search-match");

        clock.advance(Duration.ofMinutes(20));
        assertThat(message(alice.get(path).body())).contains("il y a 20 min");
        alice.addCookie("messages-lang", "en");
        assertThat(message(alice.get(path).body()))
                .contains("20 min ago", "Seen by")
                .doesNotContain("il y a");
    }

    /** The first message of a conversation page. */
    private static String message(String page) {
        int start = page.indexOf("<li class=\"message-card");
        assertThat(start).as("a message").isNotNegative();
        return page.substring(start, page.indexOf("</li>", page.indexOf("seen-by", start)) + "</li>".length());
    }
}
