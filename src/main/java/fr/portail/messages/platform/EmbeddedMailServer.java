package fr.portail.messages.platform;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail server of the default run. Its SMTP side accepts every e-mail the application sends and keeps it in memory
 * so that administrators can read it on the "E-mails envoyés" page; it also accepts the replies sent to the reply
 * domain, which land in one mailbox that the application reads over IMAP.
 */
public class EmbeddedMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
    private static final String REPLIES_USER = "replies";

    private final GreenMail greenMail;
    private final int port;
    private final int imapPort;
    private final String repliesPassword = SecretTokens.newToken();
    private final GreenMailUser replies;

    private final boolean catchesOutgoingEmails;

    /** The SMTP port used when {@code messages.embedded-smtp.port} is not set, if it is free. */
    static final int DEFAULT_PORT = 3025;

    /** The IMAP port used when {@code messages.embedded-smtp.imap-port} is not set, if it is free. */
    static final int DEFAULT_IMAP_PORT = 3143;

    /**
     * Starts the server: each port {@code null} for its default or, when another process holds it, any free port
     * (logged); 0 for any free port; another value must be free.
     *
     * @throws StartupRefusal when a port set explicitly is taken
     */
    EmbeddedMailServer(
            Integer requestedPort, Integer requestedImapPort, String replyDomain, boolean catchesOutgoingEmails) {
        this.catchesOutgoingEmails = catchesOutgoingEmails;
        this.port = choosePort(requestedPort, DEFAULT_PORT, "messages.embedded-smtp.port");
        this.imapPort = choosePort(requestedImapPort, DEFAULT_IMAP_PORT, "messages.embedded-smtp.imap-port");
        this.greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        greenMail.start();
        this.replies = greenMail.setUser(REPLIES_USER + "@" + replyDomain, REPLIES_USER, repliesPassword);
        var users = greenMail.getUserManager();
        MessageDeliveryHandler everyoneElse = users.getMessageDeliveryHandler();
        String domain = replyDomain.toLowerCase(Locale.ROOT);
        users.setMessageDeliveryHandler(
                (message, address) -> domain.equals(address.getHost().toLowerCase(Locale.ROOT))
                        ? replies
                        : everyoneElse.handle(message, address));
        log.info(
                "Embedded mail server on 127.0.0.1: SMTP {} (administrators read its e-mails at /admin/emails), IMAP {}"
                        + " for the replies to @{}",
                port,
                imapPort,
                replyDomain);
    }

    private static int choosePort(Integer requested, int defaultPort, String property) {
        if (requested == null) {
            if (isFree(defaultPort)) {
                return defaultPort;
            }
            int free = freePort();
            log.warn(
                    "Port {} of the embedded mail server is taken (another instance?); using 127.0.0.1:{} instead."
                            + " Set {} to choose one.",
                    defaultPort,
                    free,
                    property);
            return free;
        }
        if (requested == 0) {
            return freePort();
        }
        if (!isFree(requested)) {
            throw new StartupRefusal(
                    property + "=" + requested + " is already in use (the embedded mail server cannot listen on"
                            + " 127.0.0.1:" + requested + ").",
                    "Set " + property + " to a free port, to 0 for any free port, or leave it unset to use "
                            + defaultPort + ", or a free port when " + defaultPort + " is taken.");
        }
        return requested;
    }

    private static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the application's e-mails go to this server (no {@code spring.mail.host}); false when it only holds the
     * reply mailbox next to a real SMTP server.
     */
    public boolean catchesOutgoingEmails() {
        return catchesOutgoingEmails;
    }

    public int port() {
        return port;
    }

    public int imapPort() {
        return imapPort;
    }

    /** The login of the mailbox that receives the replies. */
    public String repliesUser() {
        return REPLIES_USER;
    }

    public String repliesPassword() {
        return repliesPassword;
    }

    /** How many e-mails wait in the reply mailbox (the application deletes those it has handled). */
    public int waitingReplies() {
        try {
            return greenMail
                    .getManagers()
                    .getImapHostManager()
                    .getInbox(replies)
                    .getMessageCount();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the server received, newest first, without the reply mailbox (replies may be private). */
    public List<CaughtEmail> receivedEmails() {
        var mailboxes = greenMail.getManagers().getImapHostManager();
        return greenMail
                .getUserManager()
                .findUsers(user -> !user.getLogin().equals(REPLIES_USER))
                .flatMap(user -> inboxSnapshot(mailboxes, user).stream())
                .map(stored -> toCaughtEmail(stored.getMimeMessage()))
                .sorted(Comparator.comparing(CaughtEmail::receivedAt).reversed())
                .toList();
    }

    /**
     * A copy of one inbox. GreenMail's own search streams the live list, which fails when the outbox delivers an
     * e-mail during the read; {@code List.copyOf} copies through the list's {@code toArray}, which holds its lock.
     */
    private static List<StoredMessage> inboxSnapshot(ImapHostManager mailboxes, GreenMailUser user) {
        try {
            return List.copyOf(mailboxes.getInbox(user).getMessages());
        } catch (FolderException e) {
            throw new IllegalStateException("Unreadable mailbox of " + user.getEmail(), e);
        }
    }

    private static CaughtEmail toCaughtEmail(MimeMessage message) {
        try {
            Instant receivedAt = message.getSentDate() == null
                    ? Instant.EPOCH
                    : message.getSentDate().toInstant();
            return new CaughtEmail(
                    addresses(message.getFrom()),
                    addresses(message.getAllRecipients()),
                    decoded(message.getHeader("Subject", null)),
                    receivedAt,
                    GreenMailUtil.getBody(message),
                    plainText(message));
        } catch (MessagingException e) {
            throw new IllegalStateException("Unreadable caught e-mail", e);
        }
    }

    /** An RFC 2047 header ({@code =?UTF-8?Q?Lef=C3=A8vre?=}) as its reader sees it, folded lines joined. */
    static String decoded(String header) {
        if (header == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(header));
        } catch (UnsupportedEncodingException e) {
            return header;
        }
    }

    /** The decoded plain-text part, so that a reader sees text and working links rather than quoted-printable. */
    private static String plainText(MimeMessage message) throws MessagingException {
        try {
            String text = plainText((Part) message);
            return text != null ? text : GreenMailUtil.getBody(message);
        } catch (IOException e) {
            return GreenMailUtil.getBody(message);
        }
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static String addresses(Address[] addresses) {
        return addresses == null
                ? ""
                : Arrays.stream(addresses)
                        .map(address -> address instanceof InternetAddress internet
                                ? internet.toUnicodeString()
                                : decoded(address.toString()))
                        .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** One e-mail as received; {@code rawBody} is the MIME body as sent, {@code text} its decoded plain text. */
    public record CaughtEmail(
            String from, String to, String subject, Instant receivedAt, String rawBody, String text) {}
}
