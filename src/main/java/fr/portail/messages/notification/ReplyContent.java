package fr.portail.messages.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reply e-mail brings: its new text as HTML (the HTML alternative when there is one, otherwise the plain text),
 * without quoted history or signature, and its attached files, read as streams when they are stored.
 */
record ReplyContent(String html, List<Attachment> attachments) {

    /** A file of the e-mail; {@code part} is read once, as a stream. */
    record Attachment(String name, String contentType, Part part) {}

    static ReplyContent of(Part mail) throws MessagingException, IOException {
        var collected = new Collected();
        collect(mail, collected);
        String html = collected.html != null
                ? ReplyText.fromHtml(collected.html)
                : collected.text != null ? ReplyText.toHtml(ReplyText.fromPlainText(collected.text)) : "";
        return new ReplyContent(html, List.copyOf(collected.attachments));
    }

    private static void collect(Part part, Collected collected) throws MessagingException, IOException {
        String fileName = fileName(part);
        if (fileName != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            collected.attachments.add(
                    new Attachment(fileName == null ? "attachment" : fileName, baseType(part.getContentType()), part));
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, collected);
            }
            return;
        }
        if (part.isMimeType("text/html") && collected.html == null) {
            collected.html = String.valueOf(part.getContent());
        } else if (part.isMimeType("text/plain") && collected.text == null) {
            collected.text = String.valueOf(part.getContent());
        }
    }

    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (java.io.UnsupportedEncodingException e) {
            return name;
        }
    }

    private static String baseType(String contentType) {
        try {
            return new ContentType(contentType).getBaseType();
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static final class Collected {
        String html;
        String text;
        final List<Attachment> attachments = new ArrayList<>();
    }
}
