package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentInfo;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a conversation's page shows: the conversation with its participants and messages, one message, and the people
 * who may be added. Lists nested in a row come back from PostgreSQL as {@code json_agg} and are read with Jackson.
 */
@Service
public class ConversationReader {

    private static final TypeReference<List<PersonRef>> PEOPLE = new TypeReference<>() {};
    private static final TypeReference<List<AttachmentInfo>> FILES = new TypeReference<>() {};

    /** The columns of a message with its author and files, read by {@link #message(ResultSet)}. */
    private static final String MESSAGE_FIELDS = """
            m.id, m.html, m.created_at, a.id as author_id, a.name as author_name,
                   a.kind as author_kind, a.active as author_active,
                   (select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size,
                                                               'contentType', f.content_type)
                                             order by f.created_at, f.id), '[]')
                      from attachment f where f.message_id = m.id) as files
            """;

    private static final String MESSAGE_FROM = " from message m join person a on a.id = m.author_id\n";

    private static final String MESSAGE_COLUMNS = "select " + MESSAGE_FIELDS + MESSAGE_FROM;

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final ParticipantEligibility eligibility;
    private final DirectoryService directory;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    ConversationReader(
            JdbcClient jdbc,
            ConversationAccess access,
            ParticipantEligibility eligibility,
            DirectoryService directory,
            JsonMapper json,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.access = access;
        this.eligibility = eligibility;
        this.directory = directory;
        this.json = json;
        this.events = events;
    }

    /** A conversation as its page shows it: the conversation and, by message id, who has read each message. */
    public record Page(ConversationView conversation, Map<UUID, List<String>> seenBy) {}

    /** Opens a conversation and marks it read, as {@link #openPage}, for the API. */
    @Transactional
    public ConversationView open(Viewer viewer, UUID conversationId) {
        return openPage(viewer, conversationId).conversation();
    }

    /**
     * Opens a conversation: its header, participants, messages and their readers in one SQL statement, whatever the
     * number of messages. When the viewer had not read all of it, it is then marked read ({@link ConversationRead}):
     * one statement, and those of the listeners. Notifications are recorded in the transaction that adds a message
     * (and so moves {@code message_count}), so a conversation read to its last message has no unread notification
     * left to mark.
     */
    @Transactional
    public Page openPage(Viewer viewer, UUID conversationId) {
        Opened opened = jdbc.sql("""
                        with h as (
                          select c.id as conversation_id, c.type, c.subject, c.company_id, co.name as company_name,
                                 c.message_count,
                                 coalesce((select r.read_count from read_state r
                                            where r.person_id = v.id and r.conversation_id = c.id), 0) as viewer_read,
                                 (select coalesce(json_agg(json_build_object('id', pp.id, 'name', pp.name,
                                                                             'kind', pp.kind, 'active', pp.active)
                                                           order by p.joined_at, pp.name), '[]')
                                    from participant p join person pp on pp.id = p.person_id
                                   where p.conversation_id = c.id) as participants,
                        """ + InboxView.DONE_TEST + " as done,\n" + ConversationAccess.FACTS_COLUMNS + """
                            from conversation c
                            join person v on v.id = :viewer
                            left join company co on co.id = c.company_id
                           where c.id = :conversation
                        )
                        select h.*, m.* from h left join lateral (
                          select m.seq,
                        """
                        + ReadReceipts.readers("p.person_id = :viewer") + " as readers,\n" + MESSAGE_FIELDS
                        + MESSAGE_FROM + """
                           where m.conversation_id = h.conversation_id
                        ) m on true
                        order by m.seq
                        """)
                .param("viewer", viewer.id())
                .param("conversation", conversationId)
                .query(rs -> rs.next() && ConversationAccess.mayAccess(ConversationAccess.readFacts(rs))
                        ? Optional.of(readPage(rs))
                        : Optional.<Opened>empty())
                .orElseThrow(() -> access.refused(viewer, conversationId));
        if (opened.unread()) {
            jdbc.sql("""
                            insert into read_state (person_id, conversation_id, read_count)
                            select :viewer, c.id, c.message_count from conversation c where c.id = :conversation
                            on conflict (person_id, conversation_id) do update set read_count = excluded.read_count
                            where read_state.read_count <> excluded.read_count
                            """)
                    .param("viewer", viewer.id())
                    .param("conversation", conversationId)
                    .update();
            events.publishEvent(new ConversationRead(conversationId, viewer.id(), true));
        }
        return opened.page();
    }

    private record Opened(Page page, boolean unread) {}

    /** The page from the header's first row on, and whether the viewer had read all of it before. */
    private Opened readPage(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("conversation_id", UUID.class);
        boolean unread = rs.getInt("viewer_read") < rs.getInt("message_count");
        ConversationView header = new ConversationView(
                id,
                ConversationType.valueOf(rs.getString("type")),
                rs.getString("subject"),
                CompanyRef.read(rs),
                json.readValue(rs.getString("participants"), PEOPLE),
                List.of(),
                rs.getBoolean("access_viewer_participant"),
                rs.getBoolean("done"));
        List<ConversationView.MessageView> messages = new ArrayList<>();
        Map<UUID, List<String>> seenBy = new HashMap<>();
        do {
            if (rs.getObject("id") != null) {
                messages.add(message(rs));
                ReadReceipts.read(rs, seenBy);
            }
        } while (rs.next());
        return new Opened(
                new Page(
                        new ConversationView(
                                header.id(),
                                header.type(),
                                header.subject(),
                                header.company(),
                                header.participants(),
                                messages,
                                header.viewerIsParticipant(),
                                header.done()),
                        seenBy),
                unread);
    }

    /** One message of a conversation the viewer may access (the answer to posting it). */
    @Transactional(readOnly = true)
    public ConversationView.MessageView message(Viewer viewer, UUID conversationId, UUID messageId) {
        access.requireAccessible(viewer, conversationId);
        return jdbc.sql(MESSAGE_COLUMNS + " where m.conversation_id = :conversation and m.id = :message")
                .param("conversation", conversationId)
                .param("message", messageId)
                .query((rs, row) -> message(rs))
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    private ConversationView.MessageView message(ResultSet rs) throws SQLException {
        return new ConversationView.MessageView(
                rs.getObject("id", UUID.class),
                new PersonRef(
                        rs.getObject("author_id", UUID.class),
                        rs.getString("author_name"),
                        PersonKind.valueOf(rs.getString("author_kind")),
                        rs.getBoolean("author_active")),
                rs.getString("html"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                json.readValue(rs.getString("files"), FILES));
    }

    /** The people the viewer may designate for a conversation of this type and company. */
    @Transactional(readOnly = true)
    public List<PersonChoice> eligiblePeople(Viewer viewer, ConversationType type, UUID companyId, String query) {
        if (type.hasCompany() && (companyId == null || !directory.mayPickCompany(viewer, companyId))) {
            return List.of();
        }
        return eligibility.choices(viewer, type, type.hasCompany() ? companyId : null, query);
    }

    /** The people the viewer may add to an existing conversation it has access to. */
    @Transactional(readOnly = true)
    public List<PersonChoice> eligibleNewParticipants(Viewer viewer, UUID conversationId, String query) {
        access.requireAccessible(viewer, conversationId);
        return jdbc.sql("select type, company_id from conversation where id = ?")
                .param(conversationId)
                .query((rs, row) -> eligibility.choices(
                        viewer,
                        ConversationType.valueOf(rs.getString("type")),
                        rs.getObject("company_id", UUID.class),
                        query))
                .single();
    }
}
