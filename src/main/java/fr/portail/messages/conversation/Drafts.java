package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person is typing, kept on the server so that it survives a reload and follows them to another device: one
 * draft per person and conversation (a reply), and one for "+ Créer" ({@code conversationId} null). Sanitised like a
 * message, since it comes back into a page; removed when the person sends.
 */
@Service
public class Drafts {

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final Clock clock;
    private final ConversationCommands commands;

    Drafts(JdbcClient jdbc, ConversationAccess access, Clock clock, ConversationCommands commands) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
        this.commands = commands;
    }

    /** A saved draft: the subject (for "+ Créer" only) and the sanitised HTML. */
    public record Draft(String subject, String html) {}

    /** Saves the viewer's draft (an empty one is removed). */
    @Transactional
    public void save(Viewer viewer, UUID conversationId, String subject, String html) {
        if (conversationId != null) {
            access.requireAccessible(viewer, conversationId);
        }
        String cleanSubject = conversationId != null || subject == null ? "" : subject.strip();
        if (cleanSubject.codePointCount(0, cleanSubject.length()) > ConversationCommands.SUBJECT_MAX_LENGTH) {
            throw new InvalidInputException(
                    "subject", "conversation.error.subjectTooLong", ConversationCommands.SUBJECT_MAX_LENGTH);
        }
        // The message's own limit (messages.max-message-size), in characters: a cheap bound that keeps every draft a
        // message could be.
        if (html != null && html.length() > commands.maxMessageBytes()) {
            throw new InvalidInputException("html", "draft.error.tooLong");
        }
        RichText.Sanitized message = RichText.sanitize(html);
        if (message.isEmpty() && cleanSubject.isEmpty()) {
            discard(viewer.id(), conversationId);
            return;
        }
        String sanitized = message.isEmpty() ? "" : message.html();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String conflict = conversationId == null
                ? "(person_id) where conversation_id is null"
                : "(person_id, conversation_id) where conversation_id is not null";
        jdbc.sql("""
                        insert into draft (id, person_id, conversation_id, subject, html, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict %s do update
                           set subject = excluded.subject, html = excluded.html, updated_at = excluded.updated_at
                        """.formatted(conflict))
                .params(UUID.randomUUID(), viewer.id(), conversationId, cleanSubject, sanitized, now)
                .update();
    }

    /** The viewer's draft, if any (none for a conversation they may no longer access). */
    @Transactional(readOnly = true)
    public Optional<Draft> find(Viewer viewer, UUID conversationId) {
        if (conversationId != null) {
            access.requireAccessible(viewer, conversationId);
        }
        return jdbc.sql(
                        "select subject, html from draft where person_id = ? and conversation_id is not distinct from ?")
                .params(viewer.id(), conversationId)
                .query((rs, row) -> new Draft(rs.getString("subject"), rs.getString("html")))
                .optional();
    }

    /**
     * Sending removes the draft, in the transaction of the message: the reply's, or "+ Créer"'s when the message is
     * the first of a conversation the author just created.
     */
    @EventListener
    void on(MessagePosted event) {
        jdbc.sql("""
                        delete from draft d
                         where d.person_id = :author
                           and (d.conversation_id = :conversation
                                or (d.conversation_id is null
                                    and exists (select 1 from message m where m.id = :message and m.seq = 1)))
                        """)
                .param("author", event.authorId())
                .param("conversation", event.conversationId())
                .param("message", event.messageId())
                .update();
    }

    private void discard(UUID personId, UUID conversationId) {
        jdbc.sql("delete from draft where person_id = ? and conversation_id is not distinct from ?")
                .params(personId, conversationId)
                .update();
    }
}
