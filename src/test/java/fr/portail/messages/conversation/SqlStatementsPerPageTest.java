package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.SqlStatementCounter;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The inbox and the conversation page take the same small number of SQL statements whatever their size (no N+1), and
 * three for the whole request through the real filter chain, the JDBC session included (issue 19).
 */
@IntegrationTest
class SqlStatementsPerPageTest {

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    ConversationReader reader;

    @Autowired
    InboxQueries inbox;

    @Autowired
    TestClock clock;

    @LocalServerPort
    int port;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void inboxPageTakesOneStatementWhateverTheNumberOfRows() {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .collaborator("bruno")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        Viewer alice = firm.viewer("alice");
        Viewer bruno = firm.viewer("bruno");
        create(firm, "paul", 2);
        int few = SqlStatementCounter.count(() -> inbox.inbox(alice, InboxFilter.none(), null))
                .statements();
        create(firm, "paul", 30);
        var full = SqlStatementCounter.count(() -> inbox.inbox(alice, InboxFilter.none(), null));
        assertThat(full.result().items()).hasSize(InboxQueries.PAGE_SIZE);
        assertThat(full.statements()).isEqualTo(few).isEqualTo(1);
        var second = SqlStatementCounter.count(
                () -> inbox.inbox(alice, InboxFilter.none(), full.result().nextCursor()));
        assertThat(second.result().items()).hasSize(7);
        assertThat(second.statements()).isEqualTo(1);
        assertThat(SqlStatementCounter.count(() -> inbox.inbox(bruno, InboxFilter.none(), null))
                        .statements())
                .isEqualTo(1);
    }

    @Test
    void conversationPageTakesAConstantNumberOfStatementsWhateverTheNumberOfMessages() {
        Firm firm = testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        UUID conversation = create(firm, "paul", 1).get(0);
        Viewer alice = firm.viewer("alice");
        int one = SqlStatementCounter.count(() -> reader.open(alice, conversation))
                .statements();
        for (int i = 0; i < 20; i++) {
            conversations.reply(firm.viewer("paul"), conversation, "<p>Reply " + i + "</p>", List.of());
        }
        var many = SqlStatementCounter.count(() -> reader.open(alice, conversation));
        assertThat(many.result().messages()).hasSize(21);
        // The page's one, its marking read, the notification module's marking of the conversation's notifications
        // read (ConversationRead), and the live module's event for the others' "Vu par", since Alice read new messages.
        assertThat(many.statements()).isEqualTo(one).isEqualTo(4);
        // Opened again with nothing new: nothing to mark, "Vu par" does not change, no live event.
        assertThat(SqlStatementCounter.count(() -> reader.open(alice, conversation))
                        .statements())
                .isEqualTo(1);
    }

    @Test
    void wholeInboxRequestTakesThreeStatementsSessionIncluded() {
        Firm firm = firmOfThree();
        create(firm, "paul", 30);
        // The firm's identity is read again every few seconds, not once per request: no re-read among the counted ones.
        clock.freeze();
        HttpUser alice = new HttpUser(port).signedIn(firm.email("alice"), TestDirectory.PASSWORD);
        // The first page after signing in starts the idle clock: one write of the session.
        alice.get("/");
        String key = UUID.randomUUID().toString();
        var page = alice.get("/", SqlStatementCounter.REQUEST_HEADER, key);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Subject 29");
        // The session with its person, the page's rows, the header's two badges.
        assertThat(SqlStatementCounter.ofRequest(key)).hasSize(3);
    }

    @Test
    void wholeConversationRequestTakesThreeStatementsOnceRead() {
        Firm firm = firmOfThree();
        UUID conversation = create(firm, "paul", 1).get(0);
        for (int i = 0; i < 20; i++) {
            conversations.reply(firm.viewer("paul"), conversation, "<p>Reply " + i + "</p>", List.of());
        }
        // The firm's identity is read again every few seconds, not once per request: no re-read among the counted ones.
        clock.freeze();
        HttpUser alice = new HttpUser(port).signedIn(firm.email("alice"), TestDirectory.PASSWORD);
        alice.get("/");
        String unread = UUID.randomUUID().toString();
        var first = alice.get("/conversations/" + conversation, SqlStatementCounter.REQUEST_HEADER, unread);
        assertThat(first.body()).contains("Reply 19");
        // Unread: marking it read, its notifications read, and the live event for the others' "Vu par", in three more.
        assertThat(SqlStatementCounter.ofRequest(unread)).hasSize(6);
        String read = UUID.randomUUID().toString();
        var again = alice.get("/conversations/" + conversation, SqlStatementCounter.REQUEST_HEADER, read);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("Reply 19");
        // The session with its person, the conversation with its messages and readers, the header's two badges.
        assertThat(SqlStatementCounter.ofRequest(read)).hasSize(3);
    }

    private Firm firmOfThree() {
        return testDirectory
                .firm()
                .company("dup")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
    }

    private List<UUID> create(Firm firm, String author, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> conversations.create(
                        firm.viewer(author),
                        new NewConversation(
                                ConversationType.ENTREPRISE,
                                firm.companyId("dup"),
                                List.of(firm.id("alice")),
                                "Subject " + i,
                                "<p>Message " + i + "</p>")))
                .toList();
    }
}
