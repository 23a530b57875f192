package fr.portail.messages.platform;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings every deployment relies on.
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
     * @param sharedBuffers PostgreSQL's {@code shared_buffers}, its own cache of tables and indexes. PostgreSQL's
     *     default, 128 MB, kept a large firm's search reading most of its pages from the system (docs/performance.md);
     *     the memory is taken only as pages are read
     */
    public record EmbeddedDatabase(
            @DefaultValue("messages") String databaseName,
            @DefaultValue("false") boolean ephemeral,
            @DefaultValue("1GB") String sharedBuffers) {}

    /**
     * @param port SMTP port of the embedded mail server: unset means 3025, or any free port when 3025 is taken (a
     *     second instance, the test suite); 0 picks a free one; any other value must be free or start-up fails
     * @param imapPort IMAP port of the embedded mail server, where the application reads the replies: unset means
     *     3143 (or any free port when taken), or a free one when {@code port} is 0; 0 picks a free one
     */
    public record EmbeddedSmtp(Integer port, Integer imapPort) {

        /** The IMAP port to ask for: a free one when the SMTP port is picked freely too. */
        public Integer imapPortOrDefault() {
            return imapPort != null ? imapPort : Integer.valueOf(0).equals(port) ? Integer.valueOf(0) : null;
        }
    }

    /** The public base URL without a trailing slash. */
    public String publicBaseUrl() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
