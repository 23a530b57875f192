package fr.portail.messages.notification;

import fr.portail.messages.firm.MailIdentity;
import fr.portail.messages.platform.MessagesProperties;
import fr.portail.messages.platform.ReplyMailProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The addresses and ids of notification e-mails: the sender and the {@code Message-ID} domain come from the firm's
 * {@link MailIdentity} (the one place that decides them); the conversation's thread id and the reply domain are this
 * module's.
 */
@Component
class MailAddresses {

    private final MailIdentity identity;
    private final String replyDomain;

    MailAddresses(MailIdentity identity, MessagesProperties properties, ReplyMailProperties mail) {
        this.identity = identity;
        this.replyDomain = mail.replyDomain(properties.publicUrl());
    }

    /** "Author via Firm" for an e-mail about a message, the firm alone otherwise. */
    InternetAddress from(String authorName) {
        return authorName == null ? identity.systemSender() : identity.sender(authorName);
    }

    /** The {@code Message-ID} of one e-mail, the same on every attempt to send it. */
    String messageId(UUID emailId, String kind) {
        return identity.messageId(emailId + "." + kind);
    }

    /** The id every e-mail of one conversation refers to, so that mail clients thread them together. */
    String threadId(UUID conversationId) {
        return identity.messageId("conversation." + conversationId);
    }

    String replyDomain() {
        return replyDomain;
    }

    MailIdentity firm() {
        return identity;
    }

    static InternetAddress address(String email, String personal) throws AddressException {
        try {
            var address = new InternetAddress(
                    email, personal == null ? null : MailIdentity.headerSafe(personal), StandardCharsets.UTF_8.name());
            address.validate();
            return address;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
