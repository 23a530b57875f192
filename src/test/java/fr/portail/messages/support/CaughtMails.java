package fr.portail.messages.support;

import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.platform.EmbeddedMailServer.CaughtEmail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import org.awaitility.Awaitility;

/**
 * The parts of an e-mail caught by the embedded mail server: its HTML, and its inline pictures (for showing the HTML in
 * a browser). The server keeps the MIME body without the top headers, so the multipart header is rebuilt from the
 * body's first boundary.
 */
public final class CaughtMails {

    private CaughtMails() {}

    /** The newest e-mail to {@code recipient} whose subject contains {@code subject}, waiting for it (30 s at most). */
    public static CaughtEmail await(EmbeddedMailServer server, String recipient, String subject) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> server.receivedEmails().stream().anyMatch(e -> matches(e, recipient, subject)));
        return server.receivedEmails().stream()
                .filter(e -> matches(e, recipient, subject))
                .findFirst()
                .orElseThrow();
    }

    private static boolean matches(CaughtEmail email, String recipient, String subject) {
        return email.to().contains(recipient) && email.subject().contains(subject);
    }

    public static MimeMessage parse(CaughtEmail email) {
        String body = email.rawBody();
        String firstLine = body.strip().lines().findFirst().orElse("");
        if (!firstLine.startsWith("--")) {
            throw new AssertionError("not a multipart e-mail: " + firstLine);
        }
        String mime = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"" + firstLine.substring(2)
                + "\"\r\n\r\n" + body;
        try {
            return new MimeMessage(
                    Session.getInstance(new Properties()),
                    new ByteArrayInputStream(mime.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTML alternative, decoded. */
    public static String html(CaughtEmail email) {
        return (String) find(parse(email), "text/html", null);
    }

    /**
     * The HTML with its {@code cid:} pictures turned into {@code data:} URLs, as a mail client would show it.
     */
    public static String htmlAsShown(CaughtEmail email) {
        MimeMessage message = parse(email);
        String html = (String) find(message, "text/html", null);
        byte[] logo = (byte[]) find(message, "image/png", "<firm-logo>");
        if (logo != null) {
            html = html.replace(
                    "cid:firm-logo",
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(logo));
        }
        return html;
    }

    /** The inline picture with this Content-ID, or {@code null}. */
    public static byte[] inlinePicture(CaughtEmail email, String contentId) {
        return (byte[]) find(parse(email), "image/png", "<" + contentId + ">");
    }

    private static Object find(Part part, String type, String contentId) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    Object found = find(multipart.getBodyPart(i), type, contentId);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            if (!part.isMimeType(type)) {
                return null;
            }
            if (contentId != null) {
                String[] ids = part.getHeader("Content-ID");
                if (ids == null || !contentId.equals(ids[0]) || !(part instanceof BodyPart)) {
                    return null;
                }
                return part.getInputStream().readAllBytes();
            }
            return part.getContent();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
