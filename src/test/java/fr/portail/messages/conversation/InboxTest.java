package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import fr.portail.messages.web.HeaderCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inbox pages through everything a person may access, once each, newest activity first, whichever way the access
 * query reads their favourite companies; and the header's unread badge counts the recent unread conversations.
 */
@IntegrationTest
class InboxTest {

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    InboxQueries inbox;

    @Autowired
    HeaderCounts headerCounts;

    @Autowired
    ConversationAccess access;

    @Autowired
    InboxActions actions;

    @Test
    void fewAndManyFavouritesBothPageThroughEveryAccessibleConversationOnceInActivityOrder() {
        int many = access.favouriteScanThreshold();
        Firm firm = testDirectory.firm();
        String[] companies = IntStream.range(0, many).mapToObj(i -> "co" + i).toArray(String[]::new);
        for (String company : companies) {
            firm.company(company);
        }
        firm.company("elsewhere")
                .collaborator("heavy", companies)
                .collaborator("light", "co0", "co1")
                .collaborator("author")
                .create();
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 2 * InboxQueries.PAGE_SIZE + 3; i++) {
            String company = i % 7 == 6 ? "elsewhere" : companies[i % companies.length];
            created.add(create(firm, "author", ConversationType.values()[i % 2], company, List.of("light")));
        }
        created.add(createPrivate(firm, "author", List.of("heavy")));
        UUID elsewhereWithHeavy = create(firm, "author", ConversationType.CONFIDENTIEL, "elsewhere", List.of("heavy"));
        UUID favouriteWithHeavy = create(firm, "author", ConversationType.ENTREPRISE, "co0", List.of("heavy"));
        conversations.reply(firm.viewer("author"), created.get(0), "<p>Newest activity</p>", List.of());

        List<UUID> heavyInbox = allPages(firm.viewer("heavy"), InboxFilter.none());
        List<UUID> lightInbox = allPages(firm.viewer("light"), InboxFilter.none());

        assertThat(heavyInbox).doesNotHaveDuplicates().first().isEqualTo(created.get(0));
        assertThat(heavyInbox).contains(elsewhereWithHeavy, favouriteWithHeavy, created.get(created.size() - 1));
        assertThat(heavyInbox).hasSize(created.size() - countElsewhere(created.size() - 1) + 2);
        assertThat(lightInbox).doesNotHaveDuplicates().hasSize(created.size());
        assertThat(lightInbox.subList(0, 2)).containsExactly(created.get(0), favouriteWithHeavy);
        assertThat(lightInbox.subList(2, lightInbox.size()))
                .containsExactlyElementsOf(reversed(created.subList(1, created.size() - 1)));
    }

    @Test
    void filtersApplyToTheFirmWideScanOfManyFavourites() {
        int many = access.favouriteScanThreshold();
        Firm firm = testDirectory.firm();
        String[] companies = IntStream.range(0, many).mapToObj(i -> "co" + i).toArray(String[]::new);
        for (String company : companies) {
            firm.company(company);
        }
        firm.collaborator("heavy", companies)
                .collaborator("author")
                .collaborator("other")
                .create();
        UUID entreprise = create(firm, "author", ConversationType.ENTREPRISE, "co1", List.of("other"));
        UUID confidentiel = create(firm, "author", ConversationType.CONFIDENTIEL, "co2", List.of("other"));
        Viewer heavy = firm.viewer("heavy");

        assertThat(allPages(heavy, new InboxFilter(ConversationType.CONFIDENTIEL, null, false, false)))
                .containsExactly(confidentiel);
        assertThat(allPages(heavy, new InboxFilter(null, firm.companyId("co1"), false, false)))
                .containsExactly(entreprise);
        conversations.markRead(heavy, entreprise);
        assertThat(allPages(heavy, new InboxFilter(null, null, false, true))).containsExactly(confidentiel);
        assertThat(allPages(heavy, new InboxFilter(null, null, true, false))).isEmpty();
    }

    /** Alice follows acme; Bruno and Carla, her colleagues, do not. */
    private Firm aliceWithColleagues() {
        return testDirectory
                .firm()
                .company("acme")
                .collaborator("alice", "acme")
                .collaborator("bruno")
                .collaborator("carla")
                .create();
    }

    @Test
    void unreadBadgeCountsRecentUnreadConversationsAndFollowsReading() {
        Firm firm = aliceWithColleagues();
        Viewer alice = firm.viewer("alice");
        UUID first = create(firm, "bruno", ConversationType.ENTREPRISE, "acme", List.of("carla"));
        UUID second = create(firm, "bruno", ConversationType.CONFIDENTIEL, "acme", List.of("carla"));
        create(firm, "alice", ConversationType.ENTREPRISE, "acme", List.of("bruno"));
        assertThat(badges(alice)).containsOnly(2);

        conversations.markRead(alice, first);
        assertThat(badges(alice)).containsOnly(1);
        conversations.markRead(alice, second);
        assertThat(badges(alice)).containsOnly(0);
        conversations.markUnread(alice, first);
        assertThat(badges(alice)).containsOnly(1);
        conversations.reply(firm.viewer("bruno"), second, "<p>Again</p>", List.of());
        assertThat(badges(alice)).containsOnly(2);
        actions.apply(alice, second, BulkAction.DONE);
        assertThat(badges(alice)).containsOnly(1);
    }

    @Test
    void onlyTheFirstPageOfToDoWithoutFiltersCountsTheBadge() {
        Firm firm = aliceWithColleagues();
        Viewer alice = firm.viewer("alice");
        for (int i = 0; i < InboxQueries.PAGE_SIZE + 1; i++) {
            create(firm, "bruno", ConversationType.ENTREPRISE, "acme", List.of("carla"));
        }
        InboxPage first = inbox.inbox(alice, InboxFilter.none(), null);

        assertThat(first.unreadConversations()).isEqualTo(InboxQueries.PAGE_SIZE + 1);
        assertThat(inbox.inbox(alice, InboxFilter.none(), first.nextCursor()).unreadConversations())
                .isNull();
        assertThat(inbox.inbox(alice, new InboxFilter(null, null, false, true), null)
                        .unreadConversations())
                .isNull();
        assertThat(inbox.inbox(alice, InboxFilter.none().in(InboxView.ALL), null)
                        .unreadConversations())
                .isNull();
    }

    /** The header's count, and the count the first inbox page makes with its rows: always the same. */
    private List<Integer> badges(Viewer viewer) {
        return List.of(
                headerBadge(viewer),
                inbox.inbox(viewer, InboxFilter.none(), null).unreadConversations());
    }

    @Test
    void unreadBadgeLooksOnlyAtTheMostRecentConversationsWhileTheUnreadFilterFindsOlderOnes() {
        Firm firm = aliceWithColleagues();
        Viewer alice = firm.viewer("alice");
        UUID old = create(firm, "bruno", ConversationType.ENTREPRISE, "acme", List.of("carla"));
        for (int i = 0; i < InboxQueries.UNREAD_BADGE_DEPTH; i++) {
            create(firm, "alice", ConversationType.ENTREPRISE, "acme", List.of("bruno"));
        }
        assertThat(badges(alice)).containsOnly(0);
        assertThat(allPages(alice, new InboxFilter(null, null, false, true))).containsExactly(old);
    }

    private List<UUID> allPages(Viewer viewer, InboxFilter filter) {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        do {
            InboxPage page = inbox.inbox(viewer, filter, cursor);
            page.items().forEach(item -> ids.add(item.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private static int countElsewhere(int count) {
        return (int) IntStream.range(0, count).filter(i -> i % 7 == 6).count();
    }

    private static List<UUID> reversed(List<UUID> ids) {
        List<UUID> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }

    private UUID create(Firm firm, String author, ConversationType type, String company, List<String> participants) {
        return conversations.create(
                firm.viewer(author),
                new NewConversation(
                        type,
                        firm.companyId(company),
                        participants.stream().map(firm::id).toList(),
                        "Subject",
                        "<p>Message</p>"));
    }

    private UUID createPrivate(Firm firm, String author, List<String> participants) {
        return conversations.create(
                firm.viewer(author),
                new NewConversation(
                        ConversationType.PRIVE,
                        null,
                        participants.stream().map(firm::id).toList(),
                        "Subject",
                        "<p>Message</p>"));
    }

    /** The unread badge as the header of any page counts it. */
    private int headerBadge(Viewer viewer) {
        return headerCounts.of(viewer).badge(UnreadConversationsBadge.NAME).count();
    }
}
