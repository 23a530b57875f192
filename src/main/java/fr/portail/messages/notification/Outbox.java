package fr.portail.messages.notification;

import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A table of e-mails to send in two steps, so that an e-mail handed to the SMTP server is never handed to it again
 * because recording it failed: {@link #claim} marks the e-mail SENDING with a lease and composes it (one
 * transaction), the worker sends it outside any transaction, then {@link #sent} or {@link #failed} records the outcome
 * (another transaction, retried until it succeeds). An e-mail whose worker died between the two is claimed again once
 * its lease has expired, with the same {@code Message-ID}.
 */
interface Outbox {

    /**
     * Claims the next due e-mail, in the caller's transaction.
     *
     * @return {@link Claim#NOTHING_DUE}, {@link Claim#SKIPPED} (an e-mail that must not go out any more was marked so),
     *     or an e-mail to send
     */
    Claim claim(OffsetDateTime now);

    /** Records that the e-mail was accepted by the SMTP server. */
    void sent(Claim claim, OffsetDateTime now);

    /** Records a failed attempt: due again after {@code retryAt}, or failed for good past the give-up age. */
    void failed(Claim claim, String error, OffsetDateTime now, OffsetDateTime retryAt);

    /**
     * An e-mail claimed for sending.
     *
     * @param emailId the e-mail's id (its rows share it)
     * @param mime the composed e-mail, {@code null} for the two markers
     * @param attempts how many attempts were made, this one included
     */
    record Claim(Outbox outbox, UUID emailId, MimeMessage mime, int attempts) {
        static final Claim NOTHING_DUE = new Claim(null, null, null, 0);
        static final Claim SKIPPED = new Claim(null, null, null, 0);

        boolean ready() {
            return mime != null;
        }
    }
}
