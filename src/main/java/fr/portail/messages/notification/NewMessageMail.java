package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What one e-mail about new messages of one conversation says to one recipient: one message in the immediate mode,
 * the messages of the grouping window in the grouped mode, in order.
 *
 * @param emailId the e-mail's id, the stable part of its Message-ID
 * @param recipientId who it goes to
 * @param recipientEmail where it goes
 * @param recipientName the recipient's display name
 * @param locale the recipient's language
 * @param zone the recipient's time zone, for the times of the messages
 * @param type the conversation's type
 * @param companyName the conversation's company, {@code null} for a private conversation
 * @param subject the conversation's subject
 * @param subjectHidden whether the firm keeps the subject of this (confidential) conversation out of e-mails
 * @param conversationId the conversation the link opens
 * @param entries the new messages, oldest first
 */
record NewMessageMail(
        UUID emailId,
        UUID recipientId,
        String recipientEmail,
        String recipientName,
        Locale locale,
        ZoneId zone,
        ConversationType type,
        String companyName,
        String subject,
        boolean subjectHidden,
        UUID conversationId,
        List<Entry> entries) {

    static final int EXCERPT_LENGTH = 300;

    /** The author of the newest message, whom the e-mail comes from. */
    public String authorName() {
        return entries.get(entries.size() - 1).authorName();
    }

    /**
     * One message.
     *
     * @param plainText the message as plain text; only ever shown for a non-confidential conversation
     */
    record Entry(String authorName, Instant at, String plainText, ConversationType type) {

        /** The excerpt the e-mail may show: some text of an ENTREPRISE message, nothing at all of a confidential one. */
        public String excerpt() {
            if (type.isConfidential() || plainText == null || plainText.isBlank()) {
                return null;
            }
            String text = plainText.strip();
            if (text.codePointCount(0, text.length()) <= EXCERPT_LENGTH) {
                return text;
            }
            return text.substring(0, text.offsetByCodePoints(0, EXCERPT_LENGTH)).stripTrailing() + "…";
        }
    }
}
