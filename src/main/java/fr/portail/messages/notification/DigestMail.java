package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationType;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The daily e-mail of one person: the conversations with unread messages and how many.
 *
 * @param emailId the digest's id, the stable part of its Message-ID
 */
record DigestMail(
        UUID emailId,
        UUID recipientId,
        String recipientEmail,
        String recipientName,
        Locale locale,
        List<Line> conversations) {

    /**
     * One conversation of the digest.
     *
     * @param subject the conversation's subject, {@code null} when the firm keeps it out of e-mails
     * @param unread how many of its messages the person has not read
     */
    record Line(UUID conversationId, ConversationType type, String companyName, String subject, int unread) {}
}
