package fr.portail.messages.conversation;

import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The inbox and the header's unread count: lists of what a person may access, from {@link ConversationAccess}. */
@Service
public class InboxQueries {

    static final int PAGE_SIZE = 25;
    /** The header's unread badge looks at this many of the most recently active conversations ("99+" when all). */
    public static final int UNREAD_BADGE_DEPTH = 100;

    private final JdbcClient jdbc;
    private final ConversationAccess access;

    InboxQueries(JdbcClient jdbc, ConversationAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /**
     * One page of the conversations the viewer may access, newest activity first. One SQL statement, without a
     * transaction around it. The first page of "À traiter" without filters, every inbox's home, also counts the
     * header's unread badge ({@link InboxPage#unreadConversations}): the badge looks at the
     * {@value #UNREAD_BADGE_DEPTH} most recent of these same conversations, so the statement selects those once and
     * the page is their first {@value #PAGE_SIZE}.
     */
    public InboxPage inbox(Viewer viewer, InboxFilter filter, String cursor) {
        Optional<InboxCursor> position = InboxCursor.decode(cursor);
        boolean countsBadge = position.isEmpty() && filter.equals(InboxFilter.none());
        String page = countsBadge
                ? "with recent as (" + recentToDo(viewer.kind()) + "),\npage as (select * from recent"
                        + " order by last_message_at desc, id desc limit " + (PAGE_SIZE + 1) + ")"
                : "with page as ("
                        + ConversationAccess.accessibleConversations(
                                viewer.kind(),
                                filter.condition(),
                                position.isPresent(),
                                filter.participantOnly(),
                                PAGE_SIZE + 1)
                        + ")";
        String badge = countsBadge ? ", " + unreadAmong("recent") + " as unread_conversations" : "";
        String sql = page + "\nselect " + InboxRows.COLUMNS + badge + "\n  from page\n" + InboxRows.JOINS
                + " order by c.last_message_at desc, c.id desc";
        var statement = jdbc.sql(sql)
                .param("viewer", viewer.id())
                .param("favouriteScanThreshold", access.favouriteScanThreshold());
        statement = filter.bind(statement);
        if (position.isPresent()) {
            statement = statement
                    .param("cursorAt", OffsetDateTime.ofInstant(position.get().lastMessageAt(), ZoneOffset.UTC))
                    .param("cursorId", position.get().id());
        }
        // The badge repeats on every row; an empty page has no unread conversation to count.
        Integer[] unread = {countsBadge ? 0 : null};
        List<InboxPage.Item> rows = statement
                .query((rs, row) -> {
                    if (countsBadge) {
                        unread[0] = rs.getInt("unread_conversations");
                    }
                    return InboxRows.read(rs, null, null, null);
                })
                .list();
        if (rows.size() <= PAGE_SIZE) {
            return new InboxPage(rows, null, unread[0]);
        }
        List<InboxPage.Item> firstRows = rows.subList(0, PAGE_SIZE);
        InboxPage.Item last = firstRows.get(PAGE_SIZE - 1);
        return new InboxPage(
                List.copyOf(firstRows), new InboxCursor(last.lastMessageAt(), last.id()).encode(), unread[0]);
    }

    /**
     * The header's unread badge (UnreadConversationsBadge) as a scalar expression of {@code :viewer} and
     * {@code :favouriteScanThreshold}: how many of the viewer's {@value #UNREAD_BADGE_DEPTH} most recently active
     * conversations still "À traiter" have unread messages. Looking deeper would make every page's cost grow with the
     * history of the firm; older unread conversations stay behind the inbox's "unread" filter (docs/performance.md).
     */
    String unreadConversationsQuery(PersonKind kind) {
        return unreadAmong("(" + recentToDo(kind) + ")");
    }

    /** How many of {@code conversations} (a table expression) have messages the viewer has not read. */
    private static String unreadAmong(String conversations) {
        return "(select count(*) from " + conversations + " c where " + InboxFilter.UNREAD_CONDITION + ")";
    }

    /** The {@value #UNREAD_BADGE_DEPTH} most recently active conversations still "À traiter" that the badge counts. */
    private static String recentToDo(PersonKind kind) {
        return ConversationAccess.accessibleConversations(
                kind, InboxView.TODO.condition(), false, false, UNREAD_BADGE_DEPTH);
    }

    int favouriteScanThreshold() {
        return access.favouriteScanThreshold();
    }
}
