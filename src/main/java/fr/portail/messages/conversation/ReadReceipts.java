package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Vu par": for each message, the participants other than its author who have read it, from the read state that
 * opening a conversation already keeps (a person who has read {@code n} messages has read every message up to the
 * {@code n}-th). One statement whatever the number of messages.
 */
@Component
public class ReadReceipts {

    private final JdbcClient jdbc;
    private final ConversationAccess access;

    ReadReceipts(JdbcClient jdbc, ConversationAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /**
     * The names of the participants other than the author of message {@code m} who have read it, as an SQL array;
     * {@code alsoRead} is an SQL condition on participant {@code p} counted as having read everything (the person
     * opening the conversation, in the statement that marks it read).
     */
    static String readers(String alsoRead) {
        return """
                array(select pp.name from participant p
                        join person pp on pp.id = p.person_id
                        left join read_state r on r.person_id = p.person_id and r.conversation_id = p.conversation_id
                       where p.conversation_id = m.conversation_id and p.person_id <> m.author_id
                         and (r.read_count >= m.seq or %s)
                       order by pp.name)""".formatted(alsoRead);
    }

    static Map<UUID, List<String>> read(ResultSet rs, Map<UUID, List<String>> readers) throws SQLException {
        readers.put(rs.getObject("id", UUID.class), List.of((String[])
                rs.getArray("readers").getArray()));
        return readers;
    }

    /** The readers of each message of a conversation the viewer may access, by message id, names in order. */
    public Map<UUID, List<String>> seenBy(Viewer viewer, UUID conversationId) {
        access.requireAccessible(viewer, conversationId);
        return seenBy(conversationId);
    }

    /** As {@link #seenBy(Viewer, UUID)}, for a conversation the caller has just authorised. */
    Map<UUID, List<String>> seenBy(UUID conversationId) {
        Map<UUID, List<String>> readers = new HashMap<>();
        jdbc.sql("select m.id, " + readers("false")
                        + " as readers from message m where m.conversation_id = :conversation")
                .param("conversation", conversationId)
                .query((rs, row) -> read(rs, readers))
                .list();
        return readers;
    }
}
