package fr.portail.messages.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail server of the default run: it accepts every e-mail the application sends and keeps it in memory so that
 * administrators can read it on the "E-mails envoyés" page. Never used once {@code spring.mail.host} is set.
 */
public class EmbeddedMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final GreenMail greenMail;
    private final int port;

    /** The port used when {@code messages.embedded-smtp.port} is not set, if it is free. */
    static final int DEFAULT_PORT = 3025;

    /**
     * Starts the server on {@code requestedPort}: {@code null} for {@link #DEFAULT_PORT} or, when another process holds
     * it, any free port (logged); 0 for any free port; another value must be free.
     *
     * @throws StartupRefusal when the port set explicitly is taken
     */
    EmbeddedMailServer(Integer requestedPort) {
        this.port = choosePort(requestedPort);
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        log.info(
                "Embedded SMTP server listening on 127.0.0.1:{}; administrators read its e-mails at /admin/emails",
                port);
    }

    private static int choosePort(Integer requested) {
        if (requested == null) {
            if (isFree(DEFAULT_PORT)) {
                return DEFAULT_PORT;
            }
            int free = freePort();
            log.warn(
                    "Port {} of the embedded SMTP server is taken (another instance?); using 127.0.0.1:{} instead."
                            + " Set messages.embedded-smtp.port to choose one.",
                    DEFAULT_PORT,
                    free);
            return free;
        }
        if (requested == 0) {
            return freePort();
        }
        if (!isFree(requested)) {
            throw new StartupRefusal(
                    "messages.embedded-smtp.port=" + requested + " is already in use (the embedded SMTP server cannot"
                            + " listen on 127.0.0.1:" + requested + ").",
                    "Set messages.embedded-smtp.port to a free port, to 0 for any free port, or leave it unset to use"
                            + " 3025, or a free port when 3025 is taken.");
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

    public int port() {
        return port;
    }

    /** What the server received, newest first. */
    public List<CaughtEmail> receivedEmails() {
        return Arrays.stream(greenMail.getReceivedMessages())
                .map(EmbeddedMailServer::toCaughtEmail)
                .sorted(Comparator.comparing(CaughtEmail::receivedAt).reversed())
                .toList();
    }

    private static CaughtEmail toCaughtEmail(MimeMessage message) {
        try {
            Instant receivedAt = message.getSentDate() == null
                    ? Instant.EPOCH
                    : message.getSentDate().toInstant();
            return new CaughtEmail(
                    addresses(message.getFrom()),
                    addresses(message.getAllRecipients()),
                    message.getSubject(),
                    receivedAt,
                    GreenMailUtil.getBody(message),
                    plainText(message));
        } catch (MessagingException e) {
            throw new IllegalStateException("Unreadable caught e-mail", e);
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
                        // Decoded: "Anne Martin via Cabinet Martin & Associés", not its RFC 2047 form.
                        .map(a -> a instanceof InternetAddress internet ? internet.toUnicodeString() : a.toString())
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
