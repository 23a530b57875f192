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
     * transaction around it.
     */
    public InboxPage inbox(Viewer viewer, InboxFilter filter, String cursor) {
        Optional<InboxCursor> position = InboxCursor.decode(cursor);
        String accessible = ConversationAccess.accessibleConversations(
                viewer.kind(), filter.condition(), position.isPresent(), filter.participantOnly(), PAGE_SIZE + 1);
        var statement = jdbc.sql("with page as (" + accessible + ")\nselect " + InboxRows.COLUMNS + "  from page\n"
                        + InboxRows.JOINS + " order by c.last_message_at desc, c.id desc")
                .param("viewer", viewer.id())
                .param("favouriteScanThreshold", access.favouriteScanThreshold());
        statement = filter.bind(statement);
        if (position.isPresent()) {
            statement = statement
                    .param("cursorAt", OffsetDateTime.ofInstant(position.get().lastMessageAt(), ZoneOffset.UTC))
                    .param("cursorId", position.get().id());
        }
        List<InboxPage.Item> rows = statement
                .query((rs, row) -> InboxRows.read(rs, null, null, null))
                .list();
        if (rows.size() <= PAGE_SIZE) {
            return new InboxPage(rows, null);
        }
        List<InboxPage.Item> page = rows.subList(0, PAGE_SIZE);
        InboxPage.Item last = page.get(PAGE_SIZE - 1);
        return new InboxPage(List.copyOf(page), new InboxCursor(last.lastMessageAt(), last.id()).encode());
    }

    /**
     * How many of the viewer's {@link #UNREAD_BADGE_DEPTH} most recently active conversations still "À traiter" have
     * unread messages:
     * the header's badge on every page. Looking deeper would make every page's cost grow with the history of the
     * firm; older unread conversations stay behind the inbox's "unread" filter (docs/performance.md). One statement
     * without a transaction around it.
     */
    public int unreadConversations(Viewer viewer) {
        return jdbc.sql("select " + unreadConversationsQuery(viewer.kind()))
                .param("viewer", viewer.id())
                .param("favouriteScanThreshold", access.favouriteScanThreshold())
                .query(Integer.class)
                .single();
    }

    /** {@link #unreadConversations} as a scalar expression of {@code :viewer} and {@code :favouriteScanThreshold}. */
    String unreadConversationsQuery(PersonKind kind) {
        String recent = ConversationAccess.accessibleConversations(
                kind, InboxView.TODO.condition(), false, false, UNREAD_BADGE_DEPTH);
        return "(select count(*) from (" + recent + ") c where " + InboxFilter.UNREAD_CONDITION + ")";
    }

    int favouriteScanThreshold() {
        return access.favouriteScanThreshold();
    }
}
