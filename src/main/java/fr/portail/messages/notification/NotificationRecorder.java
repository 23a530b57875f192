package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.conversation.MessagePosted;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Decides who is notified of a new message, in the transaction that stores it: if that transaction rolls back nobody
 * is notified, and once it commits nothing can be lost. The e-mail rows written here are the outbox that
 * {@link EmailDelivery} works through; right after the commit it is asked to deliver them at once.
 */
@Component
class NotificationRecorder {

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final EmailDelivery delivery;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationRecorder(
            JdbcClient jdbc,
            ConversationAccess access,
            EmailDelivery delivery,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.delivery = delivery;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A plain listener runs synchronously inside the publishing transaction, so the rows commit or roll back with
     * the message (an after-commit listener would leave a gap where a crash loses the notification).
     */
    @EventListener
    void on(MessagePosted event) {
        List<Candidate> candidates = jdbc.sql("""
                        select p.person_id, coalesce(ep.email_mode, 'GROUPED') as email_mode,
                               exists (select 1 from conversation_mute m
                                        where m.person_id = p.person_id and m.conversation_id = p.conversation_id) as muted
                          from participant p join person pe on pe.id = p.person_id
                          left join email_preference ep on ep.person_id = p.person_id
                         where p.conversation_id = ? and p.person_id <> ? and pe.active
                        """)
                .params(event.conversationId(), event.authorId())
                .query((rs, row) -> new Candidate(
                        rs.getObject("person_id", UUID.class),
                        EmailMode.valueOf(rs.getString("email_mode")),
                        rs.getBoolean("muted")))
                .list();
        // A participant can have lost access (a client who left the company): telling them would leak the subject.
        Set<UUID> withAccess = access.whoMayAccess(
                event.conversationId(),
                candidates.stream().map(Candidate::personId).toList());
        List<Candidate> recipients = candidates.stream()
                .filter(candidate -> withAccess.contains(candidate.personId()))
                .toList();
        if (recipients.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("""
                        insert into notification (id, recipient_id, conversation_id, message_id, created_at)
                        select gen_random_uuid(), r, :conversation, :message, :now from unnest(:recipients::uuid[]) r
                        on conflict (message_id, recipient_id) do nothing
                        """)
                .param("conversation", event.conversationId())
                .param("message", event.messageId())
                .param("now", now)
                .param("recipients", ids(recipients))
                .update();
        List<Candidate> immediate = recipients.stream()
                .filter(candidate -> candidate.wantsEmail(EmailMode.IMMEDIATE))
                .toList();
        List<Candidate> grouped = recipients.stream()
                .filter(candidate -> candidate.wantsEmail(EmailMode.GROUPED))
                .toList();
        // The daily e-mail is built from the notifications themselves; NONE sends nothing.
        recordEmails(event, immediate, EmailMode.IMMEDIATE, now, now);
        recordEmails(event, grouped, EmailMode.GROUPED, now, now.plus(properties.groupingDelay()));
        if (!immediate.isEmpty()) {
            afterCommit(delivery::deliverSoon);
        }
    }

    /**
     * The outbox rows: due at once for the immediate mode, after the grouping delay for the grouped one (the first
     * pending row of a recipient and conversation decides when their group leaves).
     */
    private void recordEmails(
            MessagePosted event, List<Candidate> recipients, EmailMode mode, OffsetDateTime now, OffsetDateTime due) {
        if (recipients.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into email_delivery
                          (id, message_id, recipient_id, conversation_id, created_at, next_attempt_at, mode)
                        select gen_random_uuid(), :message, r, :conversation, :now, :due, :mode
                          from unnest(:recipients::uuid[]) r
                        on conflict (message_id, recipient_id) do nothing
                        """)
                .param("conversation", event.conversationId())
                .param("message", event.messageId())
                .param("now", now)
                .param("due", due)
                .param("mode", mode.name())
                .param("recipients", ids(recipients))
                .update();
    }

    private static UUID[] ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::personId).toArray(UUID[]::new);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private record Candidate(UUID personId, EmailMode mode, boolean muted) {
        boolean wantsEmail(EmailMode wanted) {
            return mode == wanted && !muted;
        }
    }
}
