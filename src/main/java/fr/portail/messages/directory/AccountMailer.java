package fr.portail.messages.directory;

import fr.portail.messages.firm.MailIdentity;
import fr.portail.messages.platform.EmbeddedMailServer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mails about a person's own account: invitations, password resets, "your password was changed", sign-in codes.
 * A failure is logged and undoes nothing. With the embedded mail server (no {@code spring.mail.host}) the link or code
 * also goes to the log, so that a first administrator can sign in before any SMTP server exists; never with a real
 * SMTP server, where the log would become a way around the mailbox.
 */
@Component
public class AccountMailer {

    private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);

    private final JavaMailSender mailSender;
    private final MessageSource messages;
    private final MailIdentity identity;
    private final boolean embeddedMailServer;

    AccountMailer(
            JavaMailSender mailSender,
            MessageSource messages,
            MailIdentity identity,
            ObjectProvider<EmbeddedMailServer> embedded) {
        this.mailSender = mailSender;
        this.messages = messages;
        this.identity = identity;
        this.embeddedMailServer = embedded.getIfAvailable() != null;
    }

    /**
     * Sends one e-mail in the person's language.
     *
     * @param secret the link or code the e-mail carries, logged with the embedded mail server only; may be null
     */
    public void send(String to, String language, String subjectKey, String bodyKey, Object[] arguments, String secret) {
        Locale locale = Locale.forLanguageTag(language == null ? "fr" : language);
        var mail = new SimpleMailMessage();
        mail.setFrom(identity.systemSender().toString());
        mail.setTo(to);
        mail.setSubject(messages.getMessage(subjectKey, null, locale));
        mail.setText(messages.getMessage(bodyKey, arguments, locale) + "\n-- \n"
                + identity.firm().textSignature() + "\n");
        try {
            mailSender.send(mail);
        } catch (MailException e) {
            log.warn("E-mail \"{}\" to {} not sent: {}", subjectKey, to, e.getMessage());
        }
        if (embeddedMailServer && secret != null) {
            log.info("Embedded mail server, e-mail \"{}\" to {}: {}", mail.getSubject(), to, secret);
        }
    }
}
