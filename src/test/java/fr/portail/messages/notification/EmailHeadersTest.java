package fr.portail.messages.notification;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.support.HttpUser;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What mail clients group on and act on: a Message-ID per e-mail, {@code In-Reply-To}/{@code References} naming one
 * id per conversation and a subject that does not change (Gmail and Apple Mail thread on References and the subject,
 * Outlook on the subject), the automatic-mail headers, the personal Reply-To, the one-click mute of RFC 8058, and the
 * firm's setting that keeps confidential subjects out.
 */
class EmailHeadersTest extends EmailTestContext {

    @Autowired
    NotificationService notifications;

    @Autowired
    NotificationSettings settings;

    NotificationFirm firm;

    @BeforeEach
    void newFirm() {
        firm = NotificationFirm.create(testDirectory).immediate(preferences);
    }

    @Test
    void theEmailsOfOneConversationThreadTogetherAndThoseOfAnotherDoNot() throws Exception {
        UUID bilan = create(ConversationType.ENTREPRISE, "Bilan 2025");
        conversations.reply(firm.alice, bilan, "<p>Relance</p>", List.of());
        UUID tva = create(ConversationType.ENTREPRISE, "TVA");
        List<MimeMessage> mails = awaitMails(firm.paul, 3);

        String thread = "<conversation." + bilan + "@messages.example.test>";
        for (MimeMessage mail : mails.subList(0, 2)) {
            assertThat(header(mail, "In-Reply-To")).isEqualTo(thread);
            assertThat(header(mail, "References")).isEqualTo(thread);
            assertThat(mail.getSubject()).isEqualTo(firm.companyName() + " — Bilan 2025");
            assertThat(mail.getMessageID()).matches("<[0-9a-f-]{36}\\.notification@messages\\.example\\.test>");
        }
        assertThat(mails.get(0).getMessageID()).isNotEqualTo(mails.get(1).getMessageID());
        assertThat(header(mails.get(2), "References")).isEqualTo("<conversation." + tva + "@messages.example.test>");

        MimeMessage mail = mails.get(0);
        assertThat(header(mail, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(header(mail, "List-Unsubscribe")).matches("<https://messages\\.example\\.test/unsubscribe/[\\w-]+>");
        assertThat(replyTo(mail)).matches("reply\\+[a-z2-7]{45}@" + REPLY_DOMAIN.replace(".", "\\."));
        assertThat(replyTo(mails.get(1))).isEqualTo(replyTo(mail));
        assertThat(replyTo(mails.get(2))).isNotEqualTo(replyTo(mail));
        assertThat(text(mail)).doesNotContain("Ne répondez pas");
    }

    @Test
    void theOneClickLinkMutesTheConversationWithoutSigningInAndNamesNothingReadable() throws Exception {
        UUID conversation = create(ConversationType.ENTREPRISE, "Liasse");
        MimeMessage mail = awaitMails(firm.paul, 1).get(0);
        String url = header(mail, "List-Unsubscribe").replaceAll("^<|>$", "");
        String path = url.substring("https://messages.example.test".length());
        assertThat(path)
                .doesNotContain(conversation.toString())
                .doesNotContain(firm.paul.id().toString())
                .doesNotContain(conversation.toString().replace("-", ""));

        var anonymous = new HttpUser(port);
        // Mail scanners open links: a GET only shows the button.
        assertThat(anonymous.get(path).status()).isEqualTo(200);
        assertThat(notifications.isMuted(firm.paul, conversation)).isFalse();
        // A forged or altered token is not found.
        String forged = path.substring(0, path.length() - 2) + (path.endsWith("A") ? "BB" : "AA");
        assertThat(anonymous
                        .postForm(forged, Map.of("List-Unsubscribe", "One-Click"))
                        .status())
                .isEqualTo(404);
        assertThat(anonymous.postForm("/unsubscribe/nothing", Map.of()).status())
                .isEqualTo(404);
        // RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click", without a session or a CSRF token.
        var answer = anonymous.postForm(path, Map.of("List-Unsubscribe", "One-Click"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("Liasse");
        assertThat(notifications.isMuted(firm.paul, conversation)).isTrue();

        conversations.reply(firm.alice, conversation, "<p>Après la désinscription</p>", List.of());
        awaitNothingPending(conversation);
        assertThat(mailsTo(firm.paul)).hasSize(1);
    }

    @Test
    void confidentialSubjectsStayOutOfEmailsUnlessTheFirmTurnsThatOff() throws Exception {
        UUID confidential = create(ConversationType.CONFIDENTIEL, "Rémunération du gérant");
        MimeMessage hidden = awaitMails(firm.paul, 1).get(0);
        assertThat(hidden.getSubject())
                .isEqualTo("Nouveau message dans une conversation confidentielle — " + firm.companyName());
        assertThat(text(hidden))
                .doesNotContain("Rémunération")
                .contains(firm.companyName())
                .contains("https://messages.example.test/conversations/" + confidential);
        assertThat(html(hidden)).doesNotContain("Rémunération");
        assertThat(text(hidden)).doesNotContain("Message 1");

        try {
            settings.changeHideConfidentialSubjects(firm.admin, false);
            conversations.reply(firm.alice, confidential, "<p>Chiffres confidentiels</p>", List.of());
            MimeMessage shown = awaitMails(firm.paul, 2).get(1);
            assertThat(shown.getSubject()).isEqualTo(firm.companyName() + " — Rémunération du gérant");
            assertThat(text(shown)).contains("Rémunération du gérant").doesNotContain("Chiffres confidentiels");
            assertThat(jdbc.sql("select count(*) from audit_entry where actor_id = ? and action = ?")
                            .params(firm.admin.id(), "EMAIL_CONFIDENTIAL_SUBJECTS_SHOWN")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            settings.changeHideConfidentialSubjects(firm.admin, true);
        }
        assertThat(settings.hideConfidentialSubjects()).isTrue();
    }

    private UUID create(ConversationType type, String subject) {
        return conversations.create(
                firm.alice,
                new NewConversation(
                        type, firm.companyId, List.of(firm.paul.id()), subject, "<p>Message 1 : " + subject + "</p>"));
    }
}
