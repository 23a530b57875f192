package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import java.sql.Array;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The inbox and the header's unread count: lists of what a person may access, from {@link ConversationAccess}. */
@Service
public class InboxQueries {

    static final int PAGE_SIZE = 25;
    private static final int EXCERPT_LENGTH = 160;
    /** The header's unread badge looks at this many of the most recently active conversations ("99+" when all). */
    public static final int UNREAD_BADGE_DEPTH = 100;

    private static final String UNREAD_CONDITION = """
            c.message_count > coalesce((select r.read_count from read_state r
                                         where r.person_id = :viewer and r.conversation_id = c.id), 0)""";

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
                viewer.kind(), condition(filter), position.isPresent(), filter.participantOnly(), PAGE_SIZE + 1);
        var statement = jdbc.sql("with page as (" + accessible + ")" + """
                        select c.id, c.type, c.subject, c.company_id, co.name as company_name, c.last_message_at,
                               c.message_count, c.attachment_count, coalesce(r.read_count, 0) as read_count,
                               left(lm.plain_text, 400) as last_text, la.name as last_author,
                               array(select pp.name from participant p join person pp on pp.id = p.person_id
                                      where p.conversation_id = c.id order by p.joined_at, pp.name) as participant_names
                          from page
                          join conversation c on c.id = page.id
                          left join company co on co.id = c.company_id
                          left join message lm on lm.id = c.last_message_id
                          left join person la on la.id = lm.author_id
                          left join read_state r on r.conversation_id = c.id and r.person_id = :viewer
                         order by c.last_message_at desc, c.id desc
                        """)
                .param("viewer", viewer.id())
                .param("favouriteScanThreshold", access.favouriteScanThreshold());
        if (filter.type() != null) {
            statement = statement.param("type", filter.type().name());
        }
        if (filter.companyId() != null) {
            statement = statement.param("companyId", filter.companyId());
        }
        if (position.isPresent()) {
            statement = statement
                    .param("cursorAt", OffsetDateTime.ofInstant(position.get().lastMessageAt(), ZoneOffset.UTC))
                    .param("cursorId", position.get().id());
        }
        List<InboxPage.Item> rows = statement
                .query((rs, row) -> new InboxPage.Item(
                        rs.getObject("id", UUID.class),
                        ConversationType.valueOf(rs.getString("type")),
                        rs.getString("subject"),
                        CompanyRef.read(rs),
                        strings(rs.getArray("participant_names")),
                        rs.getString("last_author"),
                        RichText.excerpt(
                                rs.getString("last_text") == null ? "" : rs.getString("last_text"), EXCERPT_LENGTH),
                        rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attachment_count") > 0,
                        rs.getInt("message_count") > rs.getInt("read_count")))
                .list();
        if (rows.size() <= PAGE_SIZE) {
            return new InboxPage(rows, null);
        }
        List<InboxPage.Item> page = rows.subList(0, PAGE_SIZE);
        InboxPage.Item last = page.get(PAGE_SIZE - 1);
        return new InboxPage(List.copyOf(page), new InboxCursor(last.lastMessageAt(), last.id()).encode());
    }

    /**
     * How many of the viewer's {@link #UNREAD_BADGE_DEPTH} most recently active conversations have unread messages:
     * the header's badge on every page. Looking deeper would make every page's cost grow with the history of the
     * firm; older unread conversations stay behind the inbox's "unread" filter (docs/performance.md). One statement
     * without a transaction around it.
     */
    public int unreadConversations(Viewer viewer) {
        String recent =
                ConversationAccess.accessibleConversations(viewer.kind(), "true", false, false, UNREAD_BADGE_DEPTH);
        return jdbc.sql("select count(*) from (" + recent + ") c where " + UNREAD_CONDITION)
                .param("viewer", viewer.id())
                .param("favouriteScanThreshold", access.favouriteScanThreshold())
                .query(Integer.class)
                .single();
    }

    private static String condition(InboxFilter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.type() != null) {
            conditions.add("c.type = :type");
        }
        if (filter.companyId() != null) {
            conditions.add("c.company_id = :companyId");
        }
        if (filter.unreadOnly()) {
            conditions.add(UNREAD_CONDITION);
        }
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
