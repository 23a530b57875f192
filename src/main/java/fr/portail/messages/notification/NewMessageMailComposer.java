package fr.portail.messages.notification;

import fr.portail.messages.firm.MailIdentity;
import fr.portail.messages.platform.MessagesProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Turns a {@link NewMessageMail} into a MIME message: HTML and plain-text alternatives rendered from
 * {@code templates/mail/new-message.*} in the recipient's language. Every header goes through JavaMail's encoders,
 * never through string concatenation, and loses its control characters first so that no name or subject can start a
 * header of its own.
 */
@Component
class NewMessageMailComposer {

    private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

    private final JavaMailSender mailSender;
    private final MessageSource messages;
    private final MessagesProperties properties;
    private final MailIdentity identity;
    /** Its own engine: declaring a template engine bean would make Boot drop the one the pages use. */
    private final SpringTemplateEngine templates;

    NewMessageMailComposer(
            JavaMailSender mailSender, MessageSource messages, MessagesProperties properties, MailIdentity identity) {
        this.mailSender = mailSender;
        this.messages = messages;
        this.properties = properties;
        this.identity = identity;
        this.templates = new SpringTemplateEngine();
        templates.setTemplateEngineMessageSource(messages);
        templates.addTemplateResolver(resolver("mail/*.html", TemplateMode.HTML, 1));
        templates.addTemplateResolver(resolver("mail/*.txt", TemplateMode.TEXT, 2));
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    /**
     * Renders a sample e-mail without sending it: the first rendering parses the templates and loads the mail classes,
     * which on a cold JVM takes seconds that the first real notification should not wait for.
     */
    void warmUp() {
        try {
            compose(new NewMessageMail(
                            java.util.UUID.randomUUID(),
                            "warm-up@example.invalid",
                            "Warm-up",
                            java.util.Locale.FRENCH,
                            "Warm-up",
                            fr.portail.messages.conversation.ConversationType.ENTREPRISE,
                            "Warm-up",
                            "Warm-up",
                            java.util.UUID.randomUUID(),
                            "Warm-up"))
                    .saveChanges();
        } catch (MessagingException | RuntimeException e) {
            // Only a head start: a real failure shows on the first real e-mail.
        }
    }

    MimeMessage compose(NewMessageMail mail) throws MessagingException {
        Session session = mailSender.createMimeMessage().getSession();
        MimeMessage mime = new StableIdMimeMessage(session, messageId(mail));
        var helper =
                new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_RELATED, StandardCharsets.UTF_8.name());
        helper.setFrom(identity.sender(mail.authorName()));
        helper.setTo(address(mail.recipientEmail(), mail.recipientName()));
        helper.setSubject(headerSafe(subject(mail)));
        Context context = new Context(mail.locale());
        context.setVariable("mail", mail);
        context.setVariable("firm", identity.firm());
        context.setVariable("excerpt", mail.excerpt());
        context.setVariable("link", link(mail));
        context.setVariable("profileLink", properties.publicBaseUrl() + "/profil");
        helper.setText(
                templates.process("mail/new-message.txt", context),
                templates.process("mail/new-message.html", context));
        // After the text, as MimeMessageHelper requires: the HTML shows it as cid:firm-logo, without a remote image.
        var logo = identity.logoPng();
        if (logo.isPresent()) {
            helper.addInline("firm-logo", new ByteArrayResource(logo.get()), "image/png");
        }
        return mime;
    }

    /** The subject line: {@code [Messages] Company — Subject}, or {@code [Messages] Subject} without a company. */
    String subject(NewMessageMail mail) {
        return mail.companyName() == null
                ? message("mail.newMessage.subjectPrivate", mail, mail.subject())
                : message("mail.newMessage.subject", mail, mail.companyName(), mail.subject());
    }

    String link(NewMessageMail mail) {
        return properties.publicBaseUrl() + "/conversations/" + mail.conversationId();
    }

    private String message(String key, NewMessageMail mail, Object... arguments) {
        return messages.getMessage(key, arguments, mail.locale());
    }

    /**
     * The same Message-ID on every attempt of one delivery: in the rare case of a resend after a crash between the
     * SMTP hand-off and the commit, mail systems that de-duplicate by Message-ID show it once.
     */
    private String messageId(NewMessageMail mail) {
        return identity.messageId(mail.deliveryId() + ".notification");
    }

    private static InternetAddress address(String email, String personal) throws AddressException {
        try {
            var address = new InternetAddress(email, headerSafe(personal), StandardCharsets.UTF_8.name());
            address.validate();
            return address;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Line breaks and other control characters become spaces: a header value stays on its own line. */
    static String headerSafe(String value) {
        return value == null
                ? ""
                : LINE_BREAKS_AND_CONTROLS.matcher(value).replaceAll(" ").strip();
    }

    /** Keeps the Message-ID it is given instead of generating one at each save. */
    private static final class StableIdMimeMessage extends MimeMessage {
        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
