package fr.portail.messages.conversation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The columns of an inbox row, for the conversations of a {@code page} (a common table expression with an {@code id}
 * column) that the query form of {@link ConversationAccess} selected: one statement for a whole page.
 */
final class InboxRows {

    private static final int EXCERPT_LENGTH = 160;

    /** Columns of {@code c}, its company, last message and author, the viewer's read state and "Terminé". */
    static final String COLUMNS = """
            c.id, c.type, c.subject, c.company_id, co.name as company_name, c.last_message_at,
            c.message_count, c.attachment_count, coalesce(r.read_count, 0) as read_count,
            left(lm.plain_text, 400) as last_text, la.name as last_author,
            array(select pp.name from participant p join person pp on pp.id = p.person_id
                   where p.conversation_id = c.id order by p.joined_at, pp.name) as participant_names,
            """ + InboxView.DONE_TEST + " as done\n";

    /** The joins that {@link #COLUMNS} read, after {@code from page}. */
    static final String JOINS = """
              join conversation c on c.id = page.id
              left join company co on co.id = c.company_id
              left join message lm on lm.id = c.last_message_id
              left join person la on la.id = lm.author_id
              left join read_state r on r.conversation_id = c.id and r.person_id = :viewer
            """;

    private InboxRows() {}

    /** The row, with the search match when there is one. */
    static InboxPage.Item read(ResultSet rs, String highlight, UUID matchingMessageId, Integer matchingMessages)
            throws SQLException {
        String lastText = rs.getString("last_text");
        return new InboxPage.Item(
                rs.getObject("id", UUID.class),
                ConversationType.valueOf(rs.getString("type")),
                rs.getString("subject"),
                CompanyRef.read(rs),
                strings(rs.getArray("participant_names")),
                rs.getString("last_author"),
                RichText.excerpt(lastText == null ? "" : lastText, EXCERPT_LENGTH),
                rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                rs.getInt("attachment_count") > 0,
                rs.getInt("message_count") > rs.getInt("read_count"),
                rs.getBoolean("done"),
                highlight,
                matchingMessageId,
                matchingMessages);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
