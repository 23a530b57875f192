package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentInfo;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
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
    /** The columns of a message, then (as the statement goes on) the tables they come from. */
    private static final String MESSAGE_COLUMNS = """
            m.id, m.html, m.created_at, a.id as author_id, a.name as author_name,
                   a.kind as author_kind, a.active as author_active,
                   (select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size,
                                                               'contentType', f.content_type)
                                             order by f.created_at, f.id), '[]')
                      from attachment f where f.message_id = m.id) as files
              from message m join person a on a.id = m.author_id
            """;

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

    /**
     * Opens a conversation: its header, participants and messages, and marks it read ({@link ConversationRead}). Two
     * SQL statements, and those of the listeners.
     */
    @Transactional
    public ConversationView open(Viewer viewer, UUID conversationId) {
        var header = jdbc.sql("""
                        select c.id, c.type, c.subject, c.company_id, co.name as company_name,
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
                        """)
                .param("viewer", viewer.id())
                .param("conversation", conversationId)
                .query((rs, row) -> ConversationAccess.mayAccess(ConversationAccess.readFacts(rs))
                        ? Optional.of(new ConversationView(
                                rs.getObject("id", UUID.class),
                                ConversationType.valueOf(rs.getString("type")),
                                rs.getString("subject"),
                                CompanyRef.read(rs),
                                json.readValue(rs.getString("participants"), PEOPLE),
                                List.of(),
                                rs.getBoolean("access_viewer_participant"),
                                rs.getBoolean("done")))
                        : Optional.<ConversationView>empty())
                .optional()
                .flatMap(view -> view)
                .orElseThrow(() -> access.refused(viewer, conversationId));
        List<ReadMessage> rows = jdbc.sql("""
                        with mark_read as (
                          insert into read_state (person_id, conversation_id, read_count)
                          select :viewer, c.id, c.message_count from conversation c where c.id = :conversation
                          on conflict (person_id, conversation_id) do update set read_count = excluded.read_count
                          where read_state.read_count <> excluded.read_count
                          returning 1
                        )
                        select r.newly_read,
                        """ + MESSAGE_COLUMNS + """
                         cross join (select count(*) > 0 as newly_read from mark_read) r
                         where m.conversation_id = :conversation
                         order by m.seq
                        """)
                .param("viewer", viewer.id())
                .param("conversation", conversationId)
                .query((rs, row) -> new ReadMessage(message(rs), rs.getBoolean("newly_read")))
                .list();
        List<ConversationView.MessageView> messages =
                rows.stream().map(ReadMessage::message).toList();
        boolean newlyRead = !rows.isEmpty() && rows.get(0).newlyRead();
        events.publishEvent(new ConversationRead(conversationId, viewer.id(), newlyRead));
        return new ConversationView(
                header.id(),
                header.type(),
                header.subject(),
                header.company(),
                header.participants(),
                messages,
                header.viewerIsParticipant(),
                header.done());
    }

    /** One message of a conversation the viewer may access (the answer to posting it). */
    @Transactional(readOnly = true)
    public ConversationView.MessageView message(Viewer viewer, UUID conversationId, UUID messageId) {
        access.requireAccessible(viewer, conversationId);
        return jdbc.sql("select " + MESSAGE_COLUMNS + " where m.conversation_id = :conversation and m.id = :message")
                .param("conversation", conversationId)
                .param("message", messageId)
                .query((rs, row) -> message(rs))
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /** A message as the opening statement reads it, with whether that statement moved the viewer's read state. */
    private record ReadMessage(ConversationView.MessageView message, boolean newlyRead) {}

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
