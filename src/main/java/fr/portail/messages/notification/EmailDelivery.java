package fr.portail.messages.notification;

import jakarta.mail.SendFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through the e-mail outboxes (new messages, then daily e-mails), off the request threads, on one thread per
 * instance: every {@code poll-interval}, and at once after a message is posted.
 *
 * <p>Each e-mail goes in three steps (see {@link Outbox}): claimed and composed in one transaction, handed to the SMTP
 * server outside any transaction, and recorded in a last transaction that is retried — while the database is away, for
 * as long as it takes — without ever sending again. A failed send leaves the e-mail pending with a growing delay
 * (capped by {@code max-retry-delay}) until it is older than {@code give-up-after}; then it is marked failed for
 * administrators to see.
 *
 * <p>When the mail server itself is unreachable the round stops after one attempt rather than waiting out every
 * pending e-mail's timeout; the first success after such a failure makes every retried e-mail due at once.
 */
@Component
class EmailDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);
    private static final int MAX_PER_ROUND = 1000;
    private static final int ERROR_LENGTH = 1000;
    private static final Duration CLEAN_UP_EVERY = Duration.ofHours(1);
    private static final Duration RECORD_RETRY = Duration.ofMillis(250);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JavaMailSender mailSender;
    private final NewMessageMailComposer composer;
    private final DeliveryOutbox deliveries;
    private final DigestOutbox digests;
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
            DeliveryOutbox deliveries,
            DigestOutbox digests,
            NotificationProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mailSender = mailSender;
        this.composer = composer;
        this.deliveries = deliveries;
        this.digests = digests;
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
     * Lets the e-mail in hand finish and be recorded before the connection pool closes: an e-mail cut between the SMTP
     * hand-off and its record would be sent again once its lease expires.
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
            deliverDue(clock.instant());
        } catch (RuntimeException e) {
            // Typically the database is unavailable: nothing was sent, the next round tries again.
            log.warn("E-mail delivery round failed: {}", e.toString());
        }
    }

    /**
     * One round at the given time: gives up on e-mails too old, then delivers the due e-mails about new messages, then
     * creates and delivers the daily e-mails whose hour has come.
     *
     * @return how many e-mails were handed to the SMTP server
     */
    int deliverDue(Instant at) {
        OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        giveUpExpired(now);
        cleanUpDelivered(at);
        int sent = drain(deliveries, at);
        if (!serverUnreachable.get()) {
            digests.schedule(now);
            sent += drain(digests, at);
        }
        return sent;
    }

    /** Only the daily e-mails, at the given time (tests move the clock across time-zone changes with it). */
    int deliverDigests(Instant at) {
        digests.schedule(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        return drain(digests, at);
    }

    private int drain(Outbox outbox, Instant at) {
        int sent = 0;
        for (int i = 0; i < MAX_PER_ROUND && (running || !properties.deliveryEnabled() || i == 0); i++) {
            OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
            Outbox.Claim claim = transactions.execute(status -> outbox.claim(now));
            if (claim == null || claim == Outbox.Claim.NOTHING_DUE) {
                break;
            }
            if (!claim.ready()) {
                continue;
            }
            Exception failure = send(claim);
            if (failure == null) {
                recordUntilDone(claim, c -> outbox.sent(c, now()));
                sent++;
                madeDueAfterOutage();
            } else {
                String error = describe(failure);
                OffsetDateTime retryAt = now().plus(properties.retryDelay(claim.attempts()));
                recordUntilDone(claim, c -> outbox.failed(c, error, now(), retryAt));
                logFailure(claim, error);
                if (!recipientSpecific(failure)) {
                    serverUnreachable.set(true);
                    break;
                }
            }
        }
        return sent;
    }

    private Exception send(Outbox.Claim claim) {
        try {
            mailSender.send(claim.mime());
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    /**
     * Records the outcome of a send, retrying while the database is away: the e-mail has left (or failed) and must not
     * be sent again because its record did not make it. An instance stopping mid-way leaves the e-mail SENDING; once
     * its lease expires it goes out again with the same Message-ID, which receiving systems can drop.
     */
    private void recordUntilDone(Outbox.Claim claim, Consumer<Outbox.Claim> record) {
        Duration wait = RECORD_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> record.accept(claim));
                if (attempt > 1) {
                    log.info("E-mail {} recorded after {} attempts", claim.emailId(), attempt);
                }
                return;
            } catch (RuntimeException e) {
                if (attempt == 1) {
                    log.warn(
                            "E-mail {} sent but not recorded yet, retrying the record: {}",
                            claim.emailId(),
                            e.toString());
                }
                if (!running && attempt > 20) {
                    log.error(
                            "E-mail {} sent but not recorded at shutdown; it may go again after its lease",
                            claim.emailId());
                    return;
                }
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                        ? Duration.ofSeconds(2)
                        : wait.multipliedBy(2);
            }
        }
    }

    private void madeDueAfterOutage() {
        if (serverUnreachable.compareAndSet(true, false)) {
            OffsetDateTime now = now();
            int due = jdbc.sql("update email_delivery set next_attempt_at = ? where status = 'PENDING'"
                            + " and attempts > 0 and next_attempt_at > ?")
                    .params(now, now)
                    .update();
            log.info("Mail server reachable again; {} waiting e-mail(s) made due now", due);
        }
    }

    private void giveUpExpired(OffsetDateTime now) {
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
    private void cleanUpDelivered(Instant now) {
        Instant last = lastCleanUp;
        if (last != null && last.plus(CLEAN_UP_EVERY).isAfter(now)) {
            return;
        }
        lastCleanUp = now;
        OffsetDateTime limit = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).minus(properties.keepDelivered());
        jdbc.sql("""
                        delete from email_delivery where id in (
                          select id from email_delivery
                           where status in ('SENT', 'SKIPPED') and created_at < ? limit 10000)
                        """).param(limit).update();
        jdbc.sql("delete from email_digest where status in ('SENT', 'SKIPPED') and created_at < ?")
                .param(limit)
                .update();
    }

    private static void logFailure(Outbox.Claim claim, String error) {
        // One line per e-mail, not per attempt: an outage would otherwise flood the log.
        if (claim.attempts() == 1) {
            log.info("E-mail {} not sent, will retry: {}", claim.emailId(), error);
        } else {
            log.debug("E-mail {} not sent (attempt {}): {}", claim.emailId(), claim.attempts(), error);
        }
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

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < ERROR_LENGTH; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" / ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH) : text.toString();
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
