package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.ApiClient;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import fr.portail.messages.web.HeaderCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * "Terminé" is per person and comes back with a new message; the badge counts "À traiter" only; bulk actions apply to
 * the selected conversations the person may access, in one call; the API offers the views, done and search.
 */
@IntegrationTest
class DoneAndBulkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    InboxQueries inbox;

    @Autowired
    HeaderCounts headerCounts;

    @Autowired
    InboxActions actions;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    Firm firm;
    Viewer alice;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .company("gar")
                .collaborator("alice", "dup")
                .collaborator("bruno")
                .collaborator("carla")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
        alice = firm.viewer("alice");
    }

    @Test
    void doneLeavesToDoForThatPersonOnlyAndComesBackWithANewMessage() {
        UUID first = create("dup");
        UUID second = create("dup");

        actions.apply(alice, first, BulkAction.DONE);

        assertThat(ids(alice, InboxView.TODO)).containsExactly(second);
        assertThat(ids(alice, InboxView.DONE)).containsExactly(first);
        assertThat(ids(alice, InboxView.ALL)).containsExactly(second, first);
        assertThat(inbox.inbox(alice, InboxFilter.none().in(InboxView.ALL), null)
                        .items())
                .extracting(InboxPage.Item::done)
                .containsExactly(false, true);
        assertThat(ids(firm.viewer("bruno"), InboxView.TODO)).containsExactly(second, first);

        conversations.reply(firm.viewer("paul"), first, "<p>Une question de plus</p>", List.of());

        assertThat(ids(alice, InboxView.TODO)).containsExactly(first, second);
        assertThat(ids(alice, InboxView.DONE)).isEmpty();

        actions.apply(alice, first, BulkAction.DONE);
        actions.apply(alice, first, BulkAction.TODO);
        assertThat(ids(alice, InboxView.DONE)).isEmpty();
    }

    @Test
    void theUnreadBadgeCountsToDoOnly() {
        UUID first = create("dup");
        UUID second = create("dup");
        conversations.reply(firm.viewer("paul"), first, "<p>Relance</p>", List.of());
        conversations.reply(firm.viewer("paul"), second, "<p>Relance</p>", List.of());
        assertThat(headerBadge(alice)).isEqualTo(2);

        actions.apply(alice, first, BulkAction.DONE);
        assertThat(headerBadge(alice)).isEqualTo(1);

        conversations.reply(firm.viewer("paul"), first, "<p>Encore</p>", List.of());
        assertThat(headerBadge(alice)).isEqualTo(2);
    }

    @Test
    void bulkActionsApplyToTheSelectedConversationsThePersonMayAccess() {
        UUID first = create("dup");
        UUID second = create("dup");
        UUID third = create("dup");
        UUID elsewhere = conversations.create(
                firm.viewer("bruno"),
                new NewConversation(
                        ConversationType.CONFIDENTIEL,
                        firm.companyId("gar"),
                        List.of(firm.id("carla")),
                        "Ailleurs",
                        "<p>x</p>"));

        assertThat(actions.apply(alice, List.of(first, second, elsewhere), BulkAction.DONE))
                .isEqualTo(2);
        assertThat(ids(alice, InboxView.TODO)).containsExactly(third);
        assertThat(ids(firm.viewer("bruno"), InboxView.TODO)).contains(elsewhere);

        assertThat(actions.apply(alice, List.of(first, second, third), BulkAction.READ))
                .isEqualTo(3);
        assertThat(unread(alice)).isEmpty();
        assertThat(actions.apply(alice, List.of(first, third), BulkAction.UNREAD))
                .isEqualTo(2);
        assertThat(unread(alice)).containsExactlyInAnyOrder(first, third);
        assertThat(actions.apply(alice, List.of(first, second), BulkAction.TODO))
                .isEqualTo(2);
        assertThat(ids(alice, InboxView.DONE)).isEmpty();

        assertThatThrownBy(() -> actions.apply(alice, List.of(), BulkAction.DONE))
                .isInstanceOf(InvalidInputException.class);
        List<UUID> tooMany = IntStream.rangeClosed(0, InboxActions.MAX_SELECTION)
                .mapToObj(i -> UUID.randomUUID())
                .toList();
        assertThatThrownBy(() -> actions.apply(alice, tooMany, BulkAction.DONE))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theApiMarksDoneListsTheViewsAndSearches() {
        UUID first = create("dup");
        UUID second = create("dup");
        conversations.reply(firm.viewer("paul"), second, "<p>Le <b>relevé</b> de juin est arrivé.</p>", List.of());
        ApiClient api = new ApiClient(port, tokens.create(alice, "done test").value());

        assertThat(api.put("/api/v1/conversations/" + first + "/done", "").status())
                .isEqualTo(204);
        assertThat(itemIds(api.get("/api/v1/conversations").json())).containsExactly(second.toString());
        assertThat(itemIds(api.get("/api/v1/conversations?view=done").json())).containsExactly(first.toString());
        assertThat(itemIds(api.get("/api/v1/conversations?view=all").json()))
                .containsExactly(second.toString(), first.toString());
        assertThat(api.get("/api/v1/conversations?view=later").status()).isEqualTo(400);

        JsonNode found = api.get("/api/v1/conversations?q=releve").json().get("items");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("id").asText()).isEqualTo(second.toString());
        assertThat(found.get(0).get("highlight").asText()).contains("<mark>relevé</mark>");
        assertThat(found.get(0).get("matchingMessageId").asText()).isNotBlank();
        assertThat(api.get("/api/v1/conversations").json().get("items").get(0).has("highlight"))
                .isFalse();

        assertThat(api.delete("/api/v1/conversations/" + first + "/done").status())
                .isEqualTo(204);
        assertThat(itemIds(api.get("/api/v1/conversations?view=done").json())).isEmpty();

        UUID elsewhere = conversations.create(
                firm.viewer("bruno"),
                new NewConversation(
                        ConversationType.CONFIDENTIEL,
                        firm.companyId("gar"),
                        List.of(firm.id("carla")),
                        "Ailleurs",
                        "<p>x</p>"));
        assertThat(api.put("/api/v1/conversations/" + elsewhere + "/done", "").status())
                .isEqualTo(404);
        var selection = api.post(
                "/api/v1/conversations/selection",
                "{\"ids\": [\"%s\", \"%s\", \"%s\"], \"action\": \"done\"}".formatted(first, second, elsewhere));
        assertThat(selection.json().get("count").asInt()).isEqualTo(2);
        assertThat(api.post("/api/v1/conversations/selection", "{\"ids\": [], \"action\": \"done\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void bulkReadAlsoReadsTheNotificationsOfThoseConversations() {
        UUID first = create("dup");
        UUID second = create("dup");
        UUID kept = create("dup");
        Viewer bruno = firm.viewer("bruno");
        assertThat(unreadNotifications(bruno)).isEqualTo(3);

        actions.apply(bruno, List.of(first, second), BulkAction.READ);

        assertThat(unreadNotifications(bruno)).isEqualTo(1);
        assertThat(jdbc.sql("select conversation_id from notification where recipient_id = ? and read_at is null")
                        .param(bruno.id())
                        .query(UUID.class)
                        .list())
                .containsExactly(kept);
    }

    private int unreadNotifications(Viewer viewer) {
        return jdbc.sql("select count(*) from notification where recipient_id = ? and read_at is null")
                .param(viewer.id())
                .query(Integer.class)
                .single();
    }

    private UUID create(String company) {
        return conversations.create(
                alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId(company),
                        List.of(firm.id("bruno"), firm.id("paul")),
                        "Sujet",
                        "<p>Message</p>"));
    }

    private List<UUID> ids(Viewer viewer, InboxView view) {
        return inbox.inbox(viewer, InboxFilter.none().in(view), null).items().stream()
                .map(InboxPage.Item::id)
                .toList();
    }

    private List<UUID> unread(Viewer viewer) {
        return inbox.inbox(viewer, new InboxFilter(null, null, false, true, InboxView.ALL), null).items().stream()
                .map(InboxPage.Item::id)
                .toList();
    }

    private static List<String> itemIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    /** The unread badge as the header of any page counts it. */
    private int headerBadge(Viewer viewer) {
        return headerCounts.of(viewer).badge(UnreadConversationsBadge.NAME).count();
    }
}
