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
    private final Clock clock;

    NotificationRecorder(JdbcClient jdbc, ConversationAccess access, EmailDelivery delivery, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * A plain listener runs synchronously inside the publishing transaction, so the rows commit or roll back with
     * the message (an after-commit listener would leave a gap where a crash loses the notification).
     */
    @EventListener
    void on(MessagePosted event) {
        List<Candidate> candidates = jdbc.sql("""
                        select p.person_id, pe.email_notifications,
                               exists (select 1 from conversation_mute m
                                        where m.person_id = p.person_id and m.conversation_id = p.conversation_id) as muted
                          from participant p join person pe on pe.id = p.person_id
                         where p.conversation_id = ? and p.person_id <> ? and pe.active
                        """)
                .params(event.conversationId(), event.authorId())
                .query((rs, row) -> new Candidate(
                        rs.getObject("person_id", UUID.class),
                        rs.getBoolean("email_notifications"),
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
        List<Candidate> byEmail =
                recipients.stream().filter(Candidate::wantsEmail).toList();
        if (byEmail.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into email_delivery (id, message_id, recipient_id, conversation_id, created_at, next_attempt_at)
                        select gen_random_uuid(), :message, r, :conversation, :now, :now from unnest(:recipients::uuid[]) r
                        on conflict (message_id, recipient_id) do nothing
                        """)
                .param("conversation", event.conversationId())
                .param("message", event.messageId())
                .param("now", now)
                .param("recipients", ids(byEmail))
                .update();
        afterCommit(delivery::deliverSoon);
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

    private record Candidate(UUID personId, boolean emailNotifications, boolean muted) {
        boolean wantsEmail() {
            return emailNotifications && !muted;
        }
    }
}
