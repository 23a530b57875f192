package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentFile;
import fr.portail.messages.attachment.AttachmentInfo;
import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.audit.AuditLog;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.NotFoundException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating conversations, posting replies, adding participants, reading, and the inbox. */
@Service
public class ConversationService {

    static final int SUBJECT_MAX_LENGTH = 200;
    static final int PAGE_SIZE = 25;
    private static final int EXCERPT_LENGTH = 160;
    /** The header's unread badge looks at this many of the most recently active conversations ("99+" when all). */
    public static final int UNREAD_BADGE_DEPTH = 100;

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final ParticipantEligibility eligibility;
    private final DirectoryService directory;
    private final AttachmentService attachments;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConversationService(
            JdbcClient jdbc,
            ConversationAccess access,
            ParticipantEligibility eligibility,
            DirectoryService directory,
            AttachmentService attachments,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.eligibility = eligibility;
        this.directory = directory;
        this.attachments = attachments;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates a conversation with its first message. Every invalid field is reported at once and nothing is stored.
     *
     * @return the new conversation's id
     */
    @Transactional
    public UUID create(Viewer author, NewConversation request) {
        List<FieldProblem> problems = new ArrayList<>();
        ConversationType type = request.type();
        if (type == null) {
            problems.add(FieldProblem.of("type", "conversation.error.type"));
        }
        UUID companyId = type != null && type.hasCompany() ? request.companyId() : null;
        if (type != null && type.hasCompany()) {
            if (companyId == null) {
                problems.add(FieldProblem.of("companyId", "conversation.error.companyRequired"));
            } else if (!directory.mayPickCompany(author, companyId)) {
                problems.add(FieldProblem.of("companyId", "conversation.error.companyNotAllowed"));
            }
        }
        Set<UUID> participants = new LinkedHashSet<>(request.participantIds());
        participants.remove(author.id());
        if (participants.isEmpty()) {
            problems.add(FieldProblem.of("participantIds", "conversation.error.participantRequired"));
        } else if (type != null && (!type.hasCompany() || (companyId != null && problems.isEmpty()))) {
            if (!eligibility.ineligible(author, type, companyId, participants).isEmpty()) {
                problems.add(FieldProblem.of("participantIds", "conversation.error.participantNotEligible"));
            }
        }
        String subject = request.subject() == null ? "" : request.subject().strip();
        if (subject.isEmpty()) {
            problems.add(FieldProblem.of("subject", "conversation.error.subjectRequired"));
        } else if (subject.codePointCount(0, subject.length()) > SUBJECT_MAX_LENGTH) {
            problems.add(FieldProblem.of("subject", "conversation.error.subjectTooLong", SUBJECT_MAX_LENGTH));
        }
        RichText.Sanitized message = RichText.sanitize(request.html());
        if (message.isEmpty() && request.attachmentIds().isEmpty()) {
            problems.add(FieldProblem.of("html", "conversation.error.messageRequired"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        UUID conversationId = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("""
                        insert into conversation (id, type, company_id, subject, created_by, created_at, last_message_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(conversationId, type.name(), companyId, subject, author.id(), now, now)
                .update();
        List<UUID> everyone = new ArrayList<>();
        everyone.add(author.id());
        everyone.addAll(participants);
        jdbc.sql("""
                        insert into participant (conversation_id, person_id, joined_at, last_message_at)
                        select :conversation, unnest(:people::uuid[]), :now, :now
                        """)
                .param("conversation", conversationId)
                .param("people", everyone.toArray(UUID[]::new))
                .param("now", now)
                .update();
        append(author, conversationId, message, request.attachmentIds(), now);
        return conversationId;
    }

    /** Posts a reply without attachments. */
    @Transactional
    public UUID reply(Viewer author, UUID conversationId, String html) {
        return reply(author, conversationId, html, List.of());
    }

    /**
     * Posts a reply with the files the author uploaded; a person with access who is not a participant becomes one. A
     * message needs text or at least one file.
     */
    @Transactional
    public UUID reply(Viewer author, UUID conversationId, String html, List<UUID> attachmentIds) {
        access.requireAccessible(author, conversationId);
        RichText.Sanitized message = RichText.sanitize(html);
        if (message.isEmpty() && attachmentIds.isEmpty()) {
            throw new InvalidInputException("html", "conversation.error.messageRequired");
        }
        OffsetDateTime now = now();
        jdbc.sql("""
                        insert into participant (conversation_id, person_id, joined_at, last_message_at)
                        values (?, ?, ?, ?) on conflict do nothing
                        """).params(conversationId, author.id(), now, now).update();
        return append(author, conversationId, message, attachmentIds, now);
    }

    private UUID append(
            Viewer author,
            UUID conversationId,
            RichText.Sanitized message,
            List<UUID> attachmentIds,
            OffsetDateTime now) {
        UUID messageId = UUID.randomUUID();
        int seq = jdbc.sql("""
                        update conversation
                           set message_count = message_count + 1, last_message_at = ?, last_message_id = ?
                         where id = ? returning message_count
                        """)
                .params(now, messageId, conversationId)
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        insert into message (id, conversation_id, seq, author_id, html, plain_text, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(messageId, conversationId, seq, author.id(), message.html(), message.plainText(), now)
                .update();
        int files = attachments.claim(author.id(), attachmentIds, conversationId, messageId);
        if (files > 0) {
            jdbc.sql("update conversation set attachment_count = attachment_count + ? where id = ?")
                    .params(files, conversationId)
                    .update();
        }
        jdbc.sql("update participant set last_message_at = ? where conversation_id = ?")
                .params(now, conversationId)
                .update();
        markReadUpTo(author.id(), conversationId, seq);
        events.publishEvent(new MessagePosted(conversationId, messageId, author.id()));
        return messageId;
    }

    private void markReadUpTo(UUID personId, UUID conversationId, int readCount) {
        jdbc.sql("""
                        insert into read_state (person_id, conversation_id, read_count) values (?, ?, ?)
                        on conflict (person_id, conversation_id) do update set read_count = excluded.read_count
                        """).params(personId, conversationId, readCount).update();
    }

    /** Adds participants, eligible as if the viewer were the author. */
    @Transactional
    public void addParticipants(Viewer viewer, UUID conversationId, List<UUID> personIds) {
        access.requireAccessible(viewer, conversationId);
        var header = jdbc.sql("select type, company_id from conversation where id = ?")
                .param(conversationId)
                .query((rs, row) -> new Object[] {
                    ConversationType.valueOf(rs.getString("type")), rs.getObject("company_id", UUID.class)
                })
                .single();
        Set<UUID> wanted = new LinkedHashSet<>(personIds == null ? List.of() : personIds);
        wanted.remove(viewer.id());
        if (wanted.isEmpty()) {
            throw new InvalidInputException("userIds", "conversation.error.participantRequired");
        }
        if (!eligibility
                .ineligible(viewer, (ConversationType) header[0], (UUID) header[1], wanted)
                .isEmpty()) {
            throw new InvalidInputException("userIds", "conversation.error.participantNotEligible");
        }
        OffsetDateTime now = now();
        jdbc.sql("""
                        insert into participant (conversation_id, person_id, joined_at, last_message_at)
                        select c.id, unnest(:people::uuid[]), :now, c.last_message_at from conversation c
                         where c.id = :conversation
                        on conflict do nothing
                        """)
                .param("conversation", conversationId)
                .param("people", wanted.toArray(UUID[]::new))
                .param("now", now)
                .update();
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

    /** Opens a conversation: its header, participants and messages, and marks it read. Two SQL statements. */
    @Transactional
    public ConversationView open(Viewer viewer, UUID conversationId) {
        var header = jdbc.sql("""
                        select c.id, c.type, c.subject, c.company_id, co.name as company_name,
                               array(select pp.id || '|' || pp.kind || '|' || pp.active || '|' || pp.name
                                       from participant p join person pp on pp.id = p.person_id
                                      where p.conversation_id = c.id order by p.joined_at, pp.name) as participants,
                        """ + ConversationAccess.FACTS_COLUMNS + """
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
                                company(rs),
                                participants(rs.getArray("participants")),
                                List.of(),
                                rs.getBoolean("access_viewer_participant")))
                        : Optional.<ConversationView>empty())
                .optional()
                .flatMap(view -> view)
                .orElseThrow(() -> access.refused(viewer, conversationId));
        List<ConversationView.MessageView> messages = jdbc.sql("""
                        with mark_read as (
                          insert into read_state (person_id, conversation_id, read_count)
                          select :viewer, c.id, c.message_count from conversation c where c.id = :conversation
                          on conflict (person_id, conversation_id) do update set read_count = excluded.read_count
                          where read_state.read_count <> excluded.read_count
                        )
                        """ + MESSAGE_COLUMNS + """
                         where m.conversation_id = :conversation
                         order by m.seq
                        """)
                .param("viewer", viewer.id())
                .param("conversation", conversationId)
                .query((rs, row) -> message(rs))
                .list();
        return new ConversationView(
                header.id(),
                header.type(),
                header.subject(),
                header.company(),
                header.participants(),
                messages,
                header.viewerIsParticipant());
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

    /** The columns of a message with its author and files, read by {@link #message(ResultSet)}. */
    private static final String MESSAGE_COLUMNS = """
            select m.id, m.html, m.created_at, a.id as author_id, a.name as author_name,
                   a.kind as author_kind, a.active as author_active,
                   array(select f.id || '|' || f.size || '|' || f.content_type || '|' || f.name
                           from attachment f where f.message_id = m.id
                          order by f.created_at, f.id) as files
              from message m join person a on a.id = m.author_id
            """;

    private static ConversationView.MessageView message(ResultSet rs) throws SQLException {
        return new ConversationView.MessageView(
                rs.getObject("id", UUID.class),
                new PersonRef(
                        rs.getObject("author_id", UUID.class),
                        rs.getString("author_name"),
                        PersonKind.valueOf(rs.getString("author_kind")),
                        rs.getBoolean("author_active")),
                rs.getString("html"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                files(rs.getArray("files")));
    }

    /**
     * The load-and-authorise entry point of a download: the file, when the viewer may access its conversation; the
     * same not-found otherwise. Refusals and downloads from confidential conversations go to the audit log.
     */
    @Transactional
    public AttachmentFile authoriseDownload(Viewer viewer, UUID attachmentId) {
        AttachmentFile file = attachments.find(attachmentId).orElseThrow(() -> {
            audit.recordIndependently(viewer.id(), "ATTACHMENT_ACCESS_REFUSED", attachmentId.toString(), null);
            return new NotFoundException();
        });
        access.requireAccessible(viewer, file.conversationId());
        String type = jdbc.sql("select type from conversation where id = ?")
                .param(file.conversationId())
                .query(String.class)
                .single();
        if (ConversationType.valueOf(type).isConfidential()) {
            audit.record(
                    viewer.id(),
                    "CONFIDENTIAL_ATTACHMENT_DOWNLOADED",
                    file.id().toString(),
                    file.conversationId().toString());
        }
        return file;
    }

    /** Marks the conversation read for the viewer. */
    @Transactional
    public void markRead(Viewer viewer, UUID conversationId) {
        access.requireAccessible(viewer, conversationId);
        jdbc.sql("""
                        insert into read_state (person_id, conversation_id, read_count)
                        select ?, c.id, c.message_count from conversation c where c.id = ?
                        on conflict (person_id, conversation_id) do update set read_count = excluded.read_count
                        """).params(viewer.id(), conversationId).update();
    }

    /** Marks the last message unread for the viewer. */
    @Transactional
    public void markUnread(Viewer viewer, UUID conversationId) {
        access.requireAccessible(viewer, conversationId);
        jdbc.sql("""
                        insert into read_state (person_id, conversation_id, read_count)
                        select ?, c.id, greatest(c.message_count - 1, 0) from conversation c where c.id = ?
                        on conflict (person_id, conversation_id) do update set read_count = excluded.read_count
                        """).params(viewer.id(), conversationId).update();
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
     * How many of the viewer's {@link #UNREAD_BADGE_DEPTH} most recently active conversations have unread messages:
     * the header's badge on every page. Looking deeper would make every page's cost grow with the history of the
     * firm; older unread conversations stay behind the inbox's "unread" filter (docs/performance.md). One statement
     * without a transaction around it.
     */
    public int unreadConversations(Viewer viewer) {
        String recent = ConversationAccess.accessibleConversations(
                viewer.kind(), InboxView.TODO.condition(), false, false, UNREAD_BADGE_DEPTH);
        return jdbc.sql("select count(*) from (" + recent + ") c where " + InboxFilter.UNREAD_CONDITION)
                .param("viewer", viewer.id())
                .param("favouriteScanThreshold", access.favouriteScanThreshold())
                .query(Integer.class)
                .single();
    }

    private static CompanyRef company(ResultSet rs) throws SQLException {
        UUID companyId = rs.getObject("company_id", UUID.class);
        return companyId == null ? null : new CompanyRef(companyId, rs.getString("company_name"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static List<AttachmentInfo> files(Array array) throws SQLException {
        List<AttachmentInfo> files = new ArrayList<>();
        for (String encoded : strings(array)) {
            String[] parts = encoded.split("\\|", 4);
            files.add(new AttachmentInfo(UUID.fromString(parts[0]), parts[3], Long.parseLong(parts[1]), parts[2]));
        }
        return files;
    }

    private static List<PersonRef> participants(Array array) throws SQLException {
        List<PersonRef> people = new ArrayList<>();
        for (String encoded : strings(array)) {
            String[] parts = encoded.split("\\|", 4);
            people.add(new PersonRef(
                    UUID.fromString(parts[0]),
                    parts[3],
                    PersonKind.valueOf(parts[1]),
                    Boolean.parseBoolean(parts[2]) || "t".equals(parts[2])));
        }
        return people;
    }

    private OffsetDateTime now() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    }
}
