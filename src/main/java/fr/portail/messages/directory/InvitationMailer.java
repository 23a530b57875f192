package fr.portail.messages.directory;

import fr.portail.messages.firm.MailIdentity;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mails an invitation link. A failure is logged and does not undo the invitation: the administrator is shown the
 * same link to pass on.
 */
@Component
class InvitationMailer {

    private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);

    private final JavaMailSender mailSender;
    private final MessageSource messages;
    private final MailIdentity identity;

    InvitationMailer(JavaMailSender mailSender, MessageSource messages, MailIdentity identity) {
        this.mailSender = mailSender;
        this.messages = messages;
        this.identity = identity;
    }

    void send(IssuedInvitation invitation, String name, String language) {
        Locale locale = Locale.forLanguageTag(language);
        var mail = new SimpleMailMessage();
        mail.setFrom(identity.systemSender().toString());
        mail.setTo(invitation.email());
        mail.setSubject(messages.getMessage("invitation.mail.subject", null, locale));
        mail.setText(messages.getMessage(
                        "invitation.mail.body", new Object[] {name, invitation.url(), invitation.expiresAt()}, locale)
                + "\n-- \n" + identity.firm().textSignature() + "\n");
        try {
            mailSender.send(mail);
        } catch (MailException e) {
            log.warn("Invitation e-mail to {} not sent: {}", invitation.email(), e.getMessage());
        }
    }
}
