package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationType;
import java.util.Locale;
import java.util.UUID;

/**
 * What the e-mail about one new message says to one recipient.
 *
 * @param deliveryId the outbox row, also the stable part of the e-mail's Message-ID
 * @param recipientEmail where it goes
 * @param recipientName the recipient's display name
 * @param locale the recipient's language
 * @param authorName who wrote the message
 * @param type the conversation's type
 * @param companyName the conversation's company, {@code null} for a private conversation
 * @param subject the conversation's subject
 * @param conversationId the conversation the link opens
 * @param plainText the message as plain text; only ever shown for a non-confidential conversation
 */
record NewMessageMail(
        UUID deliveryId,
        String recipientEmail,
        String recipientName,
        Locale locale,
        String authorName,
        ConversationType type,
        String companyName,
        String subject,
        UUID conversationId,
        String plainText) {

    static final int EXCERPT_LENGTH = 300;

    /** The excerpt the e-mail may show: some text of an ENTREPRISE message, nothing at all of a confidential one. */
    String excerpt() {
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
