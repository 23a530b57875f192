package fr.portail.messages.notification;

import fr.portail.messages.platform.MessagesProperties;
import fr.portail.messages.platform.ReplyMailProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Who the notification e-mails come from and the domain of their ids: the one place that decides the sender address,
 * its display name, the {@code Message-ID} domain, the conversation's thread id and the reply domain.
 */
@Component
class MailIdentity {

    private final MessageSource messages;
    private final String domain;
    private final String replyDomain;

    MailIdentity(MessageSource messages, MessagesProperties properties, ReplyMailProperties mail) {
        this.messages = messages;
        String host = URI.create(properties.publicBaseUrl()).getHost();
        this.domain = host == null ? "messages.local" : host;
        this.replyDomain = mail.replyDomain(properties.publicUrl());
    }

    /** The sender, named after the author of the message when there is one. */
    InternetAddress from(String authorName, Locale locale) throws AddressException {
        InternetAddress from = InternetAddress.parse(messages.getMessage("mail.from", null, locale))[0];
        String name = authorName == null
                ? from.getPersonal()
                : messages.getMessage("mail.newMessage.fromName", new Object[] {authorName}, locale);
        return address(from.getAddress(), name);
    }

    /** The {@code Message-ID} of one e-mail, the same on every attempt to send it. */
    String messageId(UUID emailId, String kind) {
        return "<" + emailId + "." + kind + "@" + domain + ">";
    }

    /** The id every e-mail of one conversation refers to, so that mail clients thread them together. */
    String threadId(UUID conversationId) {
        return "<conversation." + conversationId + "@" + domain + ">";
    }

    String replyDomain() {
        return replyDomain;
    }

    static InternetAddress address(String email, String personal) throws AddressException {
        try {
            var address = new InternetAddress(
                    email,
                    personal == null ? null : NewMessageMailComposer.headerSafe(personal),
                    StandardCharsets.UTF_8.name());
            address.validate();
            return address;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
