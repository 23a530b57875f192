package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The header's unread badge is the same on the inbox, which counts it with its rows, and on any other page, which
 * counts it in the header's statement.
 */
@IntegrationTest
class UnreadBadgeOnPagesTest {

    private static final Pattern BADGE = Pattern.compile("data-testid=\"unread-badge\"[^>]*>([^<]*)<");

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Test
    void theInboxAndOtherPagesShowTheSameUnreadCount() {
        Firm firm = testDirectory
                .firm()
                .company("acme")
                .collaborator("alice", "acme")
                .collaborator("bruno")
                .create();
        UUID first = create(firm);
        create(firm);
        HttpUser alice = new HttpUser(port).signedIn(firm.email("alice"), TestDirectory.PASSWORD);

        assertThat(badge(alice.get("/").body())).isEqualTo("2");
        assertThat(badge(alice.get("/entreprises").body())).isEqualTo("2");

        alice.get("/conversations/" + first);

        assertThat(badge(alice.get("/").body())).isEqualTo("1");
        assertThat(badge(alice.get("/entreprises").body())).isEqualTo("1");
        assertThat(badge(alice.get("/?unread=true").body())).isEqualTo("1");
    }

    private UUID create(Firm firm) {
        return conversations.create(
                firm.viewer("bruno"),
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId("acme"),
                        List.of(firm.id("alice")),
                        "Relevés",
                        "<p>Bonjour</p>"));
    }

    private static String badge(String page) {
        Matcher badge = BADGE.matcher(page);
        assertThat(badge.find()).as("an unread badge").isTrue();
        return badge.group(1).strip();
    }
}
