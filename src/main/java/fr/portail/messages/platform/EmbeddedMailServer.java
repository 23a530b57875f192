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

    EmbeddedMailServer(int requestedPort) {
        this.port = requestedPort == 0 ? freePort() : requestedPort;
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        log.info(
                "Embedded SMTP server listening on 127.0.0.1:{}; administrators read its e-mails at /admin/emails",
                port);
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
