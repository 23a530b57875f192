package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.conversation.ConversationType;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through the e-mail outbox, off the request threads, on one thread per instance: every
 * {@code poll-interval}, and at once after a message is posted.
 *
 * <p>Each e-mail is claimed with {@code FOR UPDATE SKIP LOCKED} (another instance skips it), checked again against
 * the recipient's current state and access, handed to the SMTP server and marked sent in that same transaction. A
 * failure leaves it pending with a growing delay (capped by {@code max-retry-delay}) until it is older than
 * {@code give-up-after}; then it is marked failed for administrators to see.
 *
 * <p>When the server itself is unreachable the round stops after one attempt rather than waiting out every pending
 * e-mail's timeout; the first success after such a failure makes every pending e-mail due at once, so that the backlog
 * goes out within seconds of the server's return.
 */
@Component
class EmailDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);
    private static final int MAX_PER_ROUND = 1000;
    private static final int ERROR_LENGTH = 1000;
    private static final java.time.Duration CLEAN_UP_EVERY = java.time.Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JavaMailSender mailSender;
    private final NewMessageMailComposer composer;
    private final ConversationAccess access;
    private final NotificationProperties properties;
    private final Clock clock;

    private final AtomicBoolean roundRequested = new AtomicBoolean();
    private final AtomicBoolean serverUnreachable = new AtomicBoolean();
    private volatile boolean running;
    private volatile Instant lastCleanUp;
    private ScheduledExecutorService executor;

    EmailDelivery(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JavaMailSender mailSender,
            NewMessageMailComposer composer,
            ConversationAccess access,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mailSender = mailSender;
        this.composer = composer;
        this.access = access;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running || !properties.deliveryEnabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "email-delivery");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        long interval = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::roundSafely, interval, interval, TimeUnit.MILLISECONDS);
        executor.execute(composer::warmUp);
        executor.execute(this::roundSafely);
    }

    /**
     * Lets the e-mail in hand finish and commit before the connection pool closes: a delivery cut between the SMTP
     * hand-off and the commit is the one case that could send an e-mail twice.
     */
    @Override
    public void stop() {
        ScheduledExecutorService current;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            current = executor;
            executor = null;
        }
        current.shutdown();
        try {
            if (!current.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("E-mail delivery still busy after 30 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Asks for a delivery round as soon as possible; requests made while one is waiting are merged into it. */
    void deliverSoon() {
        ScheduledExecutorService current = executor;
        if (running && current != null && roundRequested.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    roundRequested.set(false);
                    roundSafely();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                roundRequested.set(false);
            }
        }
    }

    private void roundSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            // Typically the database is unavailable: the rows are untouched and the next round tries again.
            log.warn("E-mail delivery round failed: {}", e.toString());
        }
    }

    /**
     * One round: gives up on e-mails too old, then delivers due ones until none is left.
     *
     * @return how many e-mails were handed to the SMTP server
     */
    int deliverDue() {
        giveUpExpired();
        cleanUpDelivered();
        int sent = 0;
        for (int i = 0; i < MAX_PER_ROUND && running; i++) {
            Outcome outcome = transactions.execute(status -> deliverOne());
            if (outcome == Outcome.NOTHING_DUE || outcome == Outcome.SERVER_UNREACHABLE) {
                break;
            }
            if (outcome == Outcome.SENT) {
                sent++;
            }
        }
        return sent;
    }

    private void giveUpExpired() {
        OffsetDateTime now = now();
        int failed = jdbc.sql("""
                        update email_delivery
                           set status = 'FAILED', failed_at = :now,
                               last_error = coalesce(last_error, 'not delivered before the give-up age')
                         where status = 'PENDING' and created_at < :limit
                        """)
                .param("now", now)
                .param("limit", now.minus(properties.giveUpAfter()))
                .update();
        if (failed > 0) {
            log.warn("Gave up on {} e-mail notification(s) older than {}", failed, properties.giveUpAfter());
        }
    }

    /** Sent and skipped rows only serve to prevent a second e-mail; past some age they can go, a batch at a time. */
    private void cleanUpDelivered() {
        Instant now = clock.instant();
        Instant last = lastCleanUp;
        if (last != null && last.plus(CLEAN_UP_EVERY).isAfter(now)) {
            return;
        }
        lastCleanUp = now;
        jdbc.sql("""
                        delete from email_delivery where id in (
                          select id from email_delivery
                           where status in ('SENT', 'SKIPPED') and created_at < ? limit 10000)
                        """).param(now().minus(properties.keepDelivered())).update();
    }

    private Outcome deliverOne() {
        OffsetDateTime now = now();
        Optional<Claimed> claimed = jdbc.sql("""
                        select d.id, d.attempts, d.created_at, d.conversation_id, d.recipient_id,
                               r.email as recipient_email, r.name as recipient_name, r.language as recipient_language,
                               r.active as recipient_active, r.email_notifications,
                               exists (select 1 from conversation_mute cm
                                        where cm.person_id = d.recipient_id and cm.conversation_id = d.conversation_id)
                                 as muted,
                               c.type, c.subject, co.name as company_name, a.name as author_name,
                               left(m.plain_text, 2000) as plain_text
                          from email_delivery d
                          join person r on r.id = d.recipient_id
                          join message m on m.id = d.message_id
                          join person a on a.id = m.author_id
                          join conversation c on c.id = d.conversation_id
                          left join company co on co.id = c.company_id
                         where d.status = 'PENDING' and d.next_attempt_at <= :now
                         order by d.next_attempt_at
                         limit 1
                         for update of d skip locked
                        """)
                .param("now", now)
                .query((rs, row) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getInt("attempts"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("recipient_id", UUID.class),
                        rs.getBoolean("recipient_active"),
                        rs.getBoolean("email_notifications"),
                        rs.getBoolean("muted"),
                        new NewMessageMail(
                                rs.getObject("id", UUID.class),
                                rs.getString("recipient_email"),
                                rs.getString("recipient_name"),
                                Locale.forLanguageTag(rs.getString("recipient_language")),
                                rs.getString("author_name"),
                                ConversationType.valueOf(rs.getString("type")),
                                rs.getString("company_name"),
                                rs.getString("subject"),
                                rs.getObject("conversation_id", UUID.class),
                                rs.getString("plain_text"))))
                .optional();
        if (claimed.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        Claimed delivery = claimed.get();
        String skipReason = skipReason(delivery);
        if (skipReason != null) {
            jdbc.sql("update email_delivery set status = 'SKIPPED', last_error = ? where id = ?")
                    .params(skipReason, delivery.id())
                    .update();
            return Outcome.SKIPPED;
        }
        try {
            MimeMessage mime = composer.compose(delivery.mail());
            mailSender.send(mime);
        } catch (Exception e) {
            return failed(delivery, e, now);
        }
        jdbc.sql("update email_delivery set status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = null"
                        + " where id = ?")
                .params(now(), delivery.id())
                .update();
        if (serverUnreachable.compareAndSet(true, false)) {
            int due = jdbc.sql("update email_delivery set next_attempt_at = ? where status = 'PENDING'"
                            + " and next_attempt_at > ?")
                    .params(now, now)
                    .update();
            log.info("Mail server reachable again; {} waiting e-mail(s) made due now", due);
        }
        return Outcome.SENT;
    }

    /** Why the e-mail must not go out any more, or {@code null}: the state of now decides, not that of the post. */
    private String skipReason(Claimed delivery) {
        if (!delivery.recipientActive()) {
            return "recipient deactivated";
        }
        if (!delivery.emailNotifications()) {
            return "e-mail notifications turned off";
        }
        if (delivery.muted()) {
            return "conversation muted";
        }
        if (!access.isAccessible(delivery.recipientId(), delivery.mail().conversationId())) {
            return "recipient no longer has access";
        }
        return null;
    }

    private Outcome failed(Claimed delivery, Exception error, OffsetDateTime now) {
        int attempts = delivery.attempts() + 1;
        String message = describe(error);
        boolean tooOld = delivery.createdAt().plus(properties.giveUpAfter()).isBefore(now);
        if (tooOld) {
            jdbc.sql("update email_delivery set status = 'FAILED', attempts = ?, failed_at = ?, last_error = ?"
                            + " where id = ?")
                    .params(attempts, now, message, delivery.id())
                    .update();
            log.warn("E-mail notification {} failed for good after {} attempts: {}", delivery.id(), attempts, message);
        } else {
            jdbc.sql("update email_delivery set attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                    .params(attempts, now.plus(properties.retryDelay(attempts)), message, delivery.id())
                    .update();
            // One line per e-mail, not per attempt: an outage would otherwise flood the log.
            if (attempts == 1) {
                log.info("E-mail notification {} not sent, will retry: {}", delivery.id(), message);
            } else {
                log.debug("E-mail notification {} not sent (attempt {}): {}", delivery.id(), attempts, message);
            }
        }
        if (recipientSpecific(error)) {
            return Outcome.FAILED;
        }
        serverUnreachable.set(true);
        return Outcome.SERVER_UNREACHABLE;
    }

    /** A refused address concerns this e-mail only; anything else (connection, authentication) concerns them all. */
    private static boolean recipientSpecific(Exception error) {
        List<Throwable> failures = new ArrayList<>(List.of(error));
        if (error instanceof MailSendException send) {
            failures.addAll(send.getFailedMessages().values());
        }
        for (Throwable failure : failures) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SendFailedException refused
                        && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < ERROR_LENGTH; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" / ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH) : text.toString();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private enum Outcome {
        NOTHING_DUE,
        SENT,
        SKIPPED,
        FAILED,
        SERVER_UNREACHABLE
    }

    private record Claimed(
            UUID id,
            int attempts,
            OffsetDateTime createdAt,
            UUID recipientId,
            boolean recipientActive,
            boolean emailNotifications,
            boolean muted,
            NewMessageMail mail) {}
}
