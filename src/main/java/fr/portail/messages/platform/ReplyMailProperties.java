package fr.portail.messages.platform;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where replies to notification e-mails go and how the application reads them.
 *
 * @param replyDomain domain of the personal reply addresses ({@code reply+TOKEN@domain}); unset: the host of
 *     {@code messages.public-url}
 * @param replySecret key of the HMAC of reply addresses and of the signed mute links; unset: one generated once and
 *     kept in the database
 * @param inbound the IMAP mailbox that receives the replies; without a host, the embedded mail server's
 */
@ConfigurationProperties("messages.mail")
public record ReplyMailProperties(
        String replyDomain,
        String replySecret,
        @DefaultValue Inbound inbound) {

    /**
     * @param host IMAP server; unset: the embedded mail server (which then runs even with {@code spring.mail.host})
     * @param port IMAP port (993 with {@code ssl}, 143 otherwise when unset)
     * @param username mailbox user
     * @param password mailbox password
     * @param ssl IMAPS rather than IMAP
     * @param folder the folder read
     * @param pollInterval how often the mailbox is read when the server has no IDLE (and a safety net when it has)
     * @param enabled whether this instance reads replies at all
     */
    public record Inbound(
            String host,
            Integer port,
            String username,
            String password,
            @DefaultValue("false") boolean ssl,
            @DefaultValue("INBOX") String folder,
            @DefaultValue("30s") Duration pollInterval,
            @DefaultValue("true") boolean enabled) {

        public boolean external() {
            return StringUtils.hasText(host);
        }
    }

    /** The reply domain, defaulting to the public URL's host. */
    public String replyDomain(String publicUrl) {
        if (StringUtils.hasText(replyDomain)) {
            return replyDomain.strip().toLowerCase(java.util.Locale.ROOT);
        }
        String host = URI.create(publicUrl).getHost();
        return host == null ? "localhost" : host.toLowerCase(java.util.Locale.ROOT);
    }
}
