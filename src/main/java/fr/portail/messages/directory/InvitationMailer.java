package fr.portail.messages.directory;

import org.springframework.stereotype.Component;

/** E-mails an invitation link. A failure does not undo the invitation: the administrator is shown the same link. */
@Component
class InvitationMailer {

    private final AccountMailer mailer;

    InvitationMailer(AccountMailer mailer) {
        this.mailer = mailer;
    }

    void send(IssuedInvitation invitation, String name, String language) {
        mailer.send(
                invitation.email(),
                language,
                "invitation.mail.subject",
                "invitation.mail.body",
                new Object[] {name, invitation.url(), invitation.expiresAt()},
                invitation.url());
    }
}
