package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.InvalidInputException.FieldProblem;
import fr.portail.messages.platform.LimitExceededException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * What changes a conversation: creating it, replying, adding participants, marking it read or unread. Every command
 * goes through {@link ConversationAccess} first.
 */
@Service
public class ConversationCommands {

    static final int SUBJECT_MAX_LENGTH = 200;

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final ParticipantEligibility eligibility;
    private final DirectoryService directory;
    private final AttachmentService attachments;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final InboxActions inboxActions;
    private final long maxMessageBytes;

    ConversationCommands(
            JdbcClient jdbc,
            ConversationAccess access,
            ParticipantEligibility eligibility,
            DirectoryService directory,
            AttachmentService attachments,
            ApplicationEventPublisher events,
            Clock clock,
            InboxActions inboxActions,
            @Value("${messages.max-message-size:256KB}") DataSize maxMessageSize) {
        this.jdbc = jdbc;
        this.access = access;
        this.eligibility = eligibility;
        this.directory = directory;
        this.attachments = attachments;
        this.events = events;
        this.clock = clock;
        this.inboxActions = inboxActions;
        this.maxMessageBytes = maxMessageSize.toBytes();
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
        if (tooLarge(message)) {
            problems.add(0, tooLargeProblem());
            throw new LimitExceededException(LimitExceededException.Kind.TOO_LARGE, problems);
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

    /**
     * Posts a reply with the files the author uploaded (none: an empty list); a person with access who is not a
     * participant becomes one. A message needs text or at least one file.
     *
     * @return the new message's id
     */
    @Transactional
    public UUID reply(Viewer author, UUID conversationId, String html, List<UUID> attachmentIds) {
        access.requireAccessible(author, conversationId);
        RichText.Sanitized message = RichText.sanitize(html);
        if (message.isEmpty() && attachmentIds.isEmpty()) {
            throw new InvalidInputException("html", "conversation.error.messageRequired");
        }
        if (tooLarge(message)) {
            throw new LimitExceededException(LimitExceededException.Kind.TOO_LARGE, List.of(tooLargeProblem()));
        }
        OffsetDateTime now = now();
        jdbc.sql("""
                        insert into participant (conversation_id, person_id, joined_at, last_message_at)
                        values (?, ?, ?, ?) on conflict do nothing
                        """).params(conversationId, author.id(), now, now).update();
        return append(author, conversationId, message, attachmentIds, now);
    }

    /** The largest sanitised HTML of a message, in UTF-8 bytes ({@code messages.max-message-size}). */
    public long maxMessageBytes() {
        return maxMessageBytes;
    }

    /** SPEC §9: the sanitised HTML, as stored (UTF-8), is at most {@code messages.max-message-size}. */
    private boolean tooLarge(RichText.Sanitized message) {
        // Cheap first: a UTF-8 character takes at most 3 bytes per UTF-16 unit, at least 1.
        int chars = message.html().length();
        return chars > maxMessageBytes
                || (3L * chars > maxMessageBytes
                        && message.html().getBytes(StandardCharsets.UTF_8).length > maxMessageBytes);
    }

    private FieldProblem tooLargeProblem() {
        return FieldProblem.of("html", "conversation.error.messageTooLarge", maxMessageBytes / 1024);
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
        jdbc.sql("""
                        insert into read_state (person_id, conversation_id, read_count) values (?, ?, ?)
                        on conflict (person_id, conversation_id) do update set read_count = excluded.read_count
                        """).params(author.id(), conversationId, seq).update();
        events.publishEvent(new ConversationRead(conversationId, author.id(), false));
        events.publishEvent(new MessagePosted(conversationId, messageId, author.id()));
        return messageId;
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
        jdbc.sql("""
                        insert into participant (conversation_id, person_id, joined_at, last_message_at)
                        select c.id, unnest(:people::uuid[]), :now, c.last_message_at from conversation c
                         where c.id = :conversation
                        on conflict do nothing
                        """)
                .param("conversation", conversationId)
                .param("people", wanted.toArray(UUID[]::new))
                .param("now", now())
                .update();
    }

    /** Marks the conversation read for the viewer, and tells the listeners of {@link ConversationRead}. */
    @Transactional
    public void markRead(Viewer viewer, UUID conversationId) {
        inboxActions.apply(viewer, conversationId, BulkAction.READ);
    }

    /** Marks the last message unread for the viewer. */
    @Transactional
    public void markUnread(Viewer viewer, UUID conversationId) {
        inboxActions.apply(viewer, conversationId, BulkAction.UNREAD);
    }

    private OffsetDateTime now() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    }
}
