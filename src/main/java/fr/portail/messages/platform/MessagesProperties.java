package fr.portail.messages.platform;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings every deployment relies on (SPEC §7).
 *
 * @param dataDir where the embedded PostgreSQL and the attachment files live
 * @param demoData load the demo firm into an empty database; unset means "yes unless an external database is configured"
 * @param publicUrl base of the links in e-mails
 * @param bootstrapAdmin administrator created at start-up when there is none
 * @param invitationValidity how long an invitation link works
 * @param embeddedDatabase settings of the embedded PostgreSQL
 * @param embeddedSmtp settings of the embedded mail server
 */
@ConfigurationProperties("messages")
public record MessagesProperties(
        @DefaultValue("./data") Path dataDir,
        Boolean demoData,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue BootstrapAdmin bootstrapAdmin,
        @DefaultValue("7d") Duration invitationValidity,
        @DefaultValue EmbeddedDatabase embeddedDatabase,
        @DefaultValue EmbeddedSmtp embeddedSmtp) {

    /** The first administrator of a real firm. */
    public record BootstrapAdmin(String email, String password) {}

    /**
     * @param databaseName the database created inside the embedded server
     * @param ephemeral use a throw-away data directory deleted at shutdown (tests)
     */
    public record EmbeddedDatabase(
            @DefaultValue("messages") String databaseName,
            @DefaultValue("false") boolean ephemeral) {}

    /**
     * @param port SMTP port of the embedded mail server; 0 picks a free one
     * @param imapPort IMAP port of the embedded mail server, where the application reads the replies; 0 picks a free
     *     one; unset: 3143, or a free one when {@code port} is 0
     */
    public record EmbeddedSmtp(@DefaultValue("3025") int port, Integer imapPort) {

        /** 3143 next to the default SMTP port; a free one when the SMTP port is picked freely too. */
        public int imapPortOrDefault() {
            return imapPort != null ? imapPort : port == 0 ? 0 : 3143;
        }
    }

    /** The public base URL without a trailing slash. */
    public String publicBaseUrl() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
