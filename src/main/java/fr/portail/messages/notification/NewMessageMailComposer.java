package fr.portail.messages.notification;

import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.firm.MailIdentity;
import fr.portail.messages.platform.MessagesProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Turns a {@link NewMessageMail} or a {@link DigestMail} into a MIME message: HTML and plain-text alternatives rendered
 * from {@code templates/mail/*} in the recipient's language, with the headers mail clients thread on, the one-click
 * mute of RFC 8058 and the personal reply address. Every header goes through JavaMail's encoders, never through
 * string concatenation, and loses its control characters first so that no name or subject can start a header of its
 * own.
 */
@Component
class NewMessageMailComposer {

    private final JavaMailSender mailSender;
    private final MessageSource messages;
    private final MessagesProperties properties;
    private final MailAddresses identity;
    private final MailTokens tokens;
    /** Its own engine: declaring a template engine bean would make Boot drop the one the pages use. */
    private final SpringTemplateEngine templates;

    NewMessageMailComposer(
            JavaMailSender mailSender,
            MessageSource messages,
            MessagesProperties properties,
            MailAddresses identity,
            MailTokens tokens) {
        this.mailSender = mailSender;
        this.messages = messages;
        this.properties = properties;
        this.identity = identity;
        this.tokens = tokens;
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
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            "warm-up@example.invalid",
                            "Warm-up",
                            Locale.FRENCH,
                            ZoneId.of("Europe/Paris"),
                            ConversationType.ENTREPRISE,
                            "Warm-up",
                            "Warm-up",
                            false,
                            UUID.randomUUID(),
                            List.of(new NewMessageMail.Entry(
                                    "Warm-up", Instant.now(), "Warm-up", ConversationType.ENTREPRISE))))
                    .saveChanges();
        } catch (MessagingException | RuntimeException e) {
            // Only a head start: a real failure shows on the first real e-mail.
        }
    }

    MimeMessage compose(NewMessageMail mail) throws MessagingException {
        MimeMessage mime = new StableIdMimeMessage(session(), identity.messageId(mail.emailId(), "notification"));
        var helper =
                new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_RELATED, StandardCharsets.UTF_8.name());
        helper.setFrom(identity.from(mail.authorName()));
        helper.setTo(MailAddresses.address(mail.recipientEmail(), mail.recipientName()));
        helper.setSubject(MailIdentity.headerSafe(subject(mail)));
        helper.setReplyTo(new InternetAddress(
                tokens.replyLocalPart(mail.conversationId(), mail.recipientId()) + "@" + identity.replyDomain()));
        String thread = identity.threadId(mail.conversationId());
        mime.setHeader("In-Reply-To", thread);
        mime.setHeader("References", thread);
        automatic(mime, unsubscribeUrl(tokens.muteToken(mail.recipientId(), mail.conversationId())));
        Context context = new Context(mail.locale());
        context.setVariable("mail", mail);
        context.setVariable("firm", identity.firm().firm());
        context.setVariable("times", times(mail.entries(), mail.locale(), mail.zone()));
        context.setVariable("link", link(mail.conversationId()));
        context.setVariable("profileLink", properties.publicBaseUrl() + "/profil");
        helper.setText(
                templates.process("mail/new-message.txt", context),
                templates.process("mail/new-message.html", context));
        addLogo(helper);
        return mime;
    }

    MimeMessage compose(DigestMail digest) throws MessagingException {
        MimeMessage mime = new StableIdMimeMessage(session(), identity.messageId(digest.emailId(), "digest"));
        var helper =
                new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_RELATED, StandardCharsets.UTF_8.name());
        helper.setFrom(identity.from(null));
        helper.setTo(MailAddresses.address(digest.recipientEmail(), digest.recipientName()));
        helper.setSubject(MailIdentity.headerSafe(messages.getMessage(
                "mail.digest.subject", new Object[] {digest.conversations().size()}, digest.locale())));
        automatic(mime, unsubscribeUrl(tokens.stopDigestToken(digest.recipientId())));
        Context context = new Context(digest.locale());
        context.setVariable("digest", digest);
        context.setVariable("firm", identity.firm().firm());
        context.setVariable("base", properties.publicBaseUrl() + "/conversations/");
        context.setVariable("profileLink", properties.publicBaseUrl() + "/profil");
        helper.setText(templates.process("mail/digest.txt", context), templates.process("mail/digest.html", context));
        addLogo(helper);
        return mime;
    }

    /**
     * The short answer to a reply that could not be posted. It says nothing of the conversation, and is marked as an
     * automatic reply so that the sender's system does not answer it in turn.
     */
    MimeMessage refusal(String to, String inReplyTo, Locale locale, UUID answerId) throws MessagingException {
        MimeMessage mime = new StableIdMimeMessage(session(), identity.messageId(answerId, "answer"));
        var helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
        helper.setFrom(identity.from(null));
        helper.setTo(new InternetAddress(to));
        helper.setSubject(messages.getMessage("mail.refusal.subject", null, locale));
        if (inReplyTo != null && inReplyTo.matches("<[^<>\\s]{1,250}>")) {
            mime.setHeader("In-Reply-To", inReplyTo);
        }
        mime.setHeader("Auto-Submitted", "auto-replied");
        mime.setHeader("X-Auto-Response-Suppress", "All");
        helper.setText(messages.getMessage("mail.refusal.body", new Object[] {properties.publicBaseUrl()}, locale));
        return mime;
    }

    /** After the text, as MimeMessageHelper requires: the HTML shows it as cid:firm-logo, without a remote image. */
    private void addLogo(MimeMessageHelper helper) throws MessagingException {
        var logo = identity.firm().logoPng();
        if (logo.isPresent()) {
            helper.addInline("firm-logo", new org.springframework.core.io.ByteArrayResource(logo.get()), "image/png");
        }
    }

    /** The headers of every automatic e-mail with a one-click mute. */
    private static void automatic(MimeMessage mime, String unsubscribeUrl) throws MessagingException {
        mime.setHeader("Auto-Submitted", "auto-generated");
        // Asks Exchange and Outlook not to answer with an out-of-office message.
        mime.setHeader("X-Auto-Response-Suppress", "OOF, AutoReply");
        mime.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /**
     * The subject line, the same for every e-mail of a conversation so that mail clients thread them:
     * {@code Company — Subject}, {@code Subject} without a company, and for a confidential
     * conversation whose subject the firm keeps out of e-mails, only its company.
     */
    String subject(NewMessageMail mail) {
        if (mail.subjectHidden()) {
            return mail.companyName() == null
                    ? message("mail.newMessage.subjectHiddenPrivate", mail.locale())
                    : message("mail.newMessage.subjectHidden", mail.locale(), mail.companyName());
        }
        return mail.companyName() == null
                ? message("mail.newMessage.subjectPrivate", mail.locale(), mail.subject())
                : message("mail.newMessage.subject", mail.locale(), mail.companyName(), mail.subject());
    }

    String link(UUID conversationId) {
        return properties.publicBaseUrl() + "/conversations/" + conversationId;
    }

    String unsubscribeUrl(String token) {
        return properties.publicBaseUrl() + "/unsubscribe/" + token;
    }

    private Session session() {
        return mailSender.createMimeMessage().getSession();
    }

    private static List<String> times(List<NewMessageMail.Entry> entries, Locale locale, ZoneId zone) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone);
        return entries.stream().map(entry -> format.format(entry.at())).toList();
    }

    private String message(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
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
