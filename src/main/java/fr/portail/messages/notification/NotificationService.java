package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.conversation.ConversationRead;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.directory.Viewer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's in-app notifications and notification preferences (docs/notifications.md). */
@Service
public class NotificationService {

    /** The bell shows "99+" beyond this; counting further would cost for nothing. */
    public static final int UNREAD_COUNT_CAP = 100;
    /** The list page shows the conversations of this many most recent notifications at most. */
    private static final int RECENT_NOTIFICATIONS = 500;

    static final int LIST_SIZE = 50;

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final Clock clock;

    NotificationService(JdbcClient jdbc, ConversationAccess access, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
    }

    /**
     * How many notifications the viewer has not read, up to {@value #UNREAD_COUNT_CAP}. On every page, so one statement
     * without a transaction around it.
     */
    public int unreadCount(Viewer viewer) {
        return jdbc.sql("select " + UNREAD_COUNT)
                .param("viewer", viewer.id())
                .query(Integer.class)
                .single();
    }

    /** {@link #unreadCount} as a scalar expression of {@code :viewer}, for the header's one statement. */
    static final String UNREAD_COUNT = """
            (select count(*) from (select 1 from notification
                                    where recipient_id = :viewer and read_at is null limit %d) unread)
            """.formatted(UNREAD_COUNT_CAP);

    /**
     * The viewer's recent notifications grouped by conversation, the conversation with the newest notification first.
     * A conversation the viewer can no longer access is left out, since its subject is no longer theirs to read.
     */
    @Transactional(readOnly = true)
    public List<NotificationGroup> recent(Viewer viewer) {
        List<NotificationGroup> groups = jdbc.sql("""
                        select n.conversation_id, c.type, c.subject, co.name as company_name,
                               count(*) filter (where n.read_at is null) as unread,
                               count(*) as total,
                               max(n.created_at) as latest_at,
                               (array_agg(a.name order by n.created_at desc))[1] as latest_author,
                               array_agg(distinct a.name) filter (where n.read_at is null) as unread_authors
                          from (select * from notification where recipient_id = :viewer
                                 order by created_at desc limit :recent) n
                          join conversation c on c.id = n.conversation_id
                          left join company co on co.id = c.company_id
                          join message m on m.id = n.message_id
                          join person a on a.id = m.author_id
                         group by n.conversation_id, c.type, c.subject, co.name
                         order by max(n.created_at) desc, n.conversation_id
                         limit :limit
                        """)
                .param("viewer", viewer.id())
                .param("recent", RECENT_NOTIFICATIONS)
                .param("limit", LIST_SIZE)
                .query((rs, row) -> new NotificationGroup(
                        rs.getObject("conversation_id", UUID.class),
                        ConversationType.valueOf(rs.getString("type")),
                        rs.getString("subject"),
                        rs.getString("company_name"),
                        rs.getInt("unread"),
                        rs.getInt("total"),
                        rs.getObject("latest_at", OffsetDateTime.class).toInstant(),
                        rs.getString("latest_author"),
                        names(rs.getArray("unread_authors"))))
                .list();
        // At most LIST_SIZE point checks, with the one access decision of the application.
        return groups.stream()
                .filter(group -> access.isAccessible(viewer.id(), group.conversationId()))
                .toList();
    }

    /**
     * Reading a conversation reads its notifications (docs/notifications.md). A plain listener, in the transaction that records the
     * reading: the page answering that request already shows the bell without them, and no outbox row is written for
     * each page view (an {@code @ApplicationModuleListener} runs after the commit, on another thread, through the event
     * publication registry).
     */
    @EventListener
    void on(ConversationRead event) {
        jdbc.sql("""
                        update notification set read_at = ?
                         where recipient_id = ? and conversation_id = ? and read_at is null
                        """).params(now(), event.personId(), event.conversationId()).update();
    }

    /** "Tout marquer comme lu". */
    @Transactional
    public void markAllRead(Viewer viewer) {
        jdbc.sql("update notification set read_at = ? where recipient_id = ? and read_at is null")
                .params(now(), viewer.id())
                .update();
    }

    /** Whether the viewer muted the conversation ("Ne plus suivre"), for its page; not found without access to it. */
    @Transactional(readOnly = true)
    public boolean muteShown(Viewer viewer, UUID conversationId) {
        access.requireAccessible(viewer, conversationId);
        return isMuted(viewer, conversationId);
    }

    /** Whether the viewer muted the conversation ("Ne plus suivre"). */
    @Transactional(readOnly = true)
    public boolean isMuted(Viewer viewer, UUID conversationId) {
        return jdbc.sql("select exists (select 1 from conversation_mute where person_id = ? and conversation_id = ?)")
                .params(viewer.id(), conversationId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Mutes or unmutes a conversation for the viewer: a muted conversation sends no e-mail, in-app notifications go
     * on. A conversation the viewer cannot access is not found.
     */
    @Transactional
    public void changeMute(Viewer viewer, UUID conversationId, boolean muted) {
        access.requireAccessible(viewer, conversationId);
        if (muted) {
            jdbc.sql("""
                            insert into conversation_mute (person_id, conversation_id, muted_at) values (?, ?, ?)
                            on conflict do nothing
                            """).params(viewer.id(), conversationId, now()).update();
        } else {
            jdbc.sql("delete from conversation_mute where person_id = ? and conversation_id = ?")
                    .params(viewer.id(), conversationId)
                    .update();
        }
    }

    /**
     * What a one-click link asks, for the person it was issued to: mute one conversation (whether or not they still
     * have access, muting reveals nothing), or turn the daily e-mail off.
     */
    @Transactional
    void unsubscribe(MailTokens.Unsubscribe request) {
        if (request.stopDigest()) {
            jdbc.sql("update email_preference set email_mode = 'NONE', updated_at = ? where person_id = ?"
                            + " and email_mode = 'DAILY'")
                    .params(now(), request.personId())
                    .update();
            return;
        }
        jdbc.sql("""
                        insert into conversation_mute (person_id, conversation_id, muted_at) values (?, ?, ?)
                        on conflict do nothing
                        """)
                .params(request.personId(), request.conversationId(), now())
                .update();
    }

    /** The e-mails that were given up on, newest first, for administrators. */
    @Transactional(readOnly = true)
    public List<FailedEmail> failedEmails(int limit) {
        return jdbc.sql("""
                        select d.id, d.conversation_id, r.email, r.name, d.created_at, d.failed_at, d.attempts, d.last_error
                          from email_delivery d join person r on r.id = d.recipient_id
                         where d.status = 'FAILED'
                         order by d.failed_at desc
                         limit ?
                        """)
                .param(limit)
                .query((rs, row) -> new FailedEmail(
                        rs.getObject("id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getString("email"),
                        rs.getString("name"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("failed_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts"),
                        rs.getString("last_error")))
                .list();
    }

    /** How many e-mails wait for delivery, for administrators. */
    @Transactional(readOnly = true)
    public int pendingEmails() {
        return jdbc.sql("select count(*) from email_delivery where status = 'PENDING'")
                .query(Integer.class)
                .single();
    }

    private static List<String> names(java.sql.Array array) throws java.sql.SQLException {
        return array == null
                ? List.of()
                : Arrays.stream((String[]) array.getArray())
                        .sorted(String.CASE_INSENSITIVE_ORDER)
                        .toList();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * The notifications of one conversation.
     *
     * @param unread how many of them are unread
     * @param total how many are listed
     * @param latestAt when the newest was created
     * @param latestAuthor who wrote the newest message
     * @param unreadAuthors who wrote the unread messages
     */
    public record NotificationGroup(
            UUID conversationId,
            ConversationType type,
            String subject,
            String companyName,
            int unread,
            int total,
            Instant latestAt,
            String latestAuthor,
            List<String> unreadAuthors) {}

    /** An e-mail notification that could not be delivered before the give-up age. */
    public record FailedEmail(
            UUID id,
            UUID conversationId,
            String recipientEmail,
            String recipientName,
            Instant createdAt,
            Instant failedAt,
            int attempts,
            String lastError) {}
}
