package fr.portail.messages.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.ConversationView;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.support.PatternedContent;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reply by e-mail end to end: a person answers a notification from a mail client, through the embedded mail server's
 * SMTP side; the application reads the mailbox over IMAP and posts the reply through the conversation module, once,
 * without the quoted history, with its attachment. Every refusal gets its answer, or its silence for auto-replies.
 */
class ReplyByEmailTest extends EmailTestContext {

    private static final Logger log = LoggerFactory.getLogger(ReplyByEmailTest.class);
    static final String REFUSAL_SUBJECT = "Votre réponse n'a pas pu être publiée";

    NotificationFirm firm;
    UUID conversation;
    String paulsAddress;

    @BeforeEach
    void conversationNotifiedToPaul() throws Exception {
        firm = NotificationFirm.create(testDirectory).immediate(preferences);
        conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id()),
                        "Bilan 2025",
                        "<p>Voici le bilan provisoire.</p>"));
        paulsAddress = replyTo(awaitMails(firm.paul, 1).get(0));
    }

    @Test
    void aReplyWithAnAttachmentIsPostedOnceWithoutItsQuotedHistoryEvenWhenReceivedTwice() throws Exception {
        String id = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage reply = reply(id, firm.paul.email(), paulsAddress, "Re: Bilan 2025");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(
                "Merci, le bilan signé est joint.\n\nLe lun. 1 déc. 2026 à 10:02, Alice <" + paulsAddress
                        + "> a écrit :\n> Voici le bilan provisoire.",
                "plain"));
        alternative.addBodyPart(textPart(
                "<div dir=\"ltr\">Merci, le bilan <b>signé</b> est joint.</div><div class=\"gmail_quote\">"
                        + "<div class=\"gmail_attr\">Le lun. 1 déc. 2026 à 10:02, Alice a écrit&nbsp;:</div>"
                        + "<blockquote class=\"gmail_quote\">Voici le bilan provisoire.</blockquote></div>",
                "html"));
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        mixed.addBodyPart(body);
        mixed.addBodyPart(file("bilan signé 2025.pdf", "application/pdf", 300_000));
        reply.setContent(mixed);

        long sent = System.nanoTime();
        send(reply);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> messageCount() == 2);
        log.info(
                "Inbound e-mail accepted by the mail server to message stored: {} ms",
                (System.nanoTime() - sent) / 1_000_000);

        ConversationView.MessageView posted = messages().get(1);
        assertThat(posted.author().id()).isEqualTo(firm.paul.id());
        assertThat(posted.html())
                .contains("Merci, le bilan <b>signé</b> est joint.")
                .doesNotContain("provisoire");
        assertThat(posted.attachments()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("bilan signé 2025.pdf");
            assertThat(file.size()).isEqualTo(300_000);
        });
        // Alice is notified of Paul's reply like of any other.
        assertThat(text(awaitMails(firm.alice, 1).get(0))).contains("Merci, le bilan signé est joint.");

        // The same e-mail again (a second delivery, another reader): recorded once, posted once.
        send(reply);
        awaitHandled(id);
        assertThat(messageCount()).isEqualTo(2);
        assertThat(jdbc.sql("select outcome from inbound_email where message_key = ?")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly("POSTED");
        assertThat(answersTo(firm.paul.email())).isEmpty();
    }

    @Test
    void aPlainTextOutlookReplyIsPostedAsParagraphs() throws Exception {
        String id = "<" + UUID.randomUUID() + "@outlook.example>";
        MimeMessage reply = reply(id, firm.paul.email(), paulsAddress, "RE: Bilan 2025");
        reply.setText(
                "D'accord <pour> vendredi.\r\n\r\n________________________________\r\nDe : Alice\r\n"
                        + "Envoyé : lundi 1 décembre 2026 10:02\r\nÀ : Paul\r\nObjet : Bilan\r\n\r\nVoici le bilan provisoire.",
                "UTF-8");
        send(reply);
        await().atMost(WAIT).until(() -> messageCount() == 2);
        assertThat(messages().get(1).html()).isEqualTo("<p>D&#39;accord &lt;pour&gt; vendredi.</p>");
    }

    @Test
    void aBadOrForgedTokenIsRefusedWithAnAnswer() throws Exception {
        String forged =
                paulsAddress.replaceFirst("reply\\+(.)", "reply+" + (paulsAddress.charAt(6) == 'a' ? "b" : "a"));
        String unknown = "reply+nothing@" + REPLY_DOMAIN;
        for (String to : List.of(forged, unknown)) {
            String id = "<" + UUID.randomUUID() + "@mail.dupont.example>";
            MimeMessage reply = reply(id, firm.paul.email(), to, "Re: Bilan");
            reply.setText("Réponse", "UTF-8");
            send(reply);
            awaitRefused(id, "bad token");
        }
        assertThat(messageCount()).isEqualTo(1);
        await().atMost(WAIT).until(() -> answersTo(firm.paul.email()).size() == 2);
        String answer = (String) answersTo(firm.paul.email()).get(0).getContent();
        assertThat(answer).doesNotContain("Bilan").doesNotContain(firm.companyName());
    }

    @Test
    void anotherSenderIsRefusedWithAnAnswer() throws Exception {
        String id = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage reply = reply(id, firm.claire.email(), paulsAddress, "Re: Bilan");
        reply.setText("Je réponds à la place de Paul", "UTF-8");
        send(reply);
        awaitRefused(id, "other sender");
        assertThat(messageCount()).isEqualTo(1);
        await().atMost(WAIT).until(() -> answersTo(firm.claire.email()).size() == 1);
    }

    @Test
    void aPersonWhoLostAccessIsRefusedWithAnAnswer() throws Exception {
        firm.paulLeavesTheCompany();
        String id = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage reply = reply(id, firm.paul.email(), paulsAddress, "Re: Bilan");
        reply.setText("Encore moi", "UTF-8");
        send(reply);
        awaitRefused(id, "lost access");
        assertThat(messageCount()).isEqualTo(1);
        await().atMost(WAIT).until(() -> answersTo(firm.paul.email()).size() == 1);
    }

    @Test
    void aFileOverTheLimitIsRefusedWithAnAnswerAndNothingIsKept() throws Exception {
        String id = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage reply = reply(id, firm.paul.email(), paulsAddress, "Re: Bilan");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(textPart("Le grand livre en pièce jointe.", "plain"));
        mixed.addBodyPart(file("grand-livre.bin", "application/octet-stream", AttachmentService.MAX_FILE_BYTES + 1));
        reply.setContent(mixed);
        send(reply);
        awaitRefused(id, "too large");
        assertThat(messageCount()).isEqualTo(1);
        assertThat(paulsAttachments()).isZero();
        await().atMost(WAIT).until(() -> answersTo(firm.paul.email()).size() == 1);
    }

    @Test
    void aTextOverTheMessageSizeLimitIsRefusedWithAnAnswer() throws Exception {
        String id = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage reply = reply(id, firm.paul.email(), paulsAddress, "Re: Bilan");
        // 300 KB of text: over 256 KiB of HTML once in paragraphs.
        reply.setText("Le détail des écritures de décembre.\n".repeat(8_000), "UTF-8");
        send(reply);
        awaitRefused(id, "too large");
        assertThat(messageCount()).isEqualTo(1);
        await().atMost(WAIT).until(() -> answersTo(firm.paul.email()).size() == 1);
    }

    @Test
    void aFileBeyondTheDailyQuotaIsRefusedWithAnAnswerAndNothingIsKeptOrCounted() throws Exception {
        jdbc.sql(
                        "insert into attachment_upload (attachment_id, uploader_id, size, uploaded_at) values (?, ?, ?, now())")
                .params(UUID.randomUUID(), firm.paul.id(), (2L << 30) - 100)
                .update();
        String id = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage reply = reply(id, firm.paul.email(), paulsAddress, "Re: Bilan");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(textPart("Deux pièces jointes.", "plain"));
        mixed.addBodyPart(file("premiere.bin", "application/octet-stream", 60));
        mixed.addBodyPart(file("seconde.bin", "application/octet-stream", 60));
        reply.setContent(mixed);
        send(reply);
        awaitRefused(id, "over quota");
        assertThat(messageCount()).isEqualTo(1);
        assertThat(paulsAttachments()).isZero();
        assertThat(jdbc.sql("select count(*) from attachment_upload where uploader_id = ?")
                        .param(firm.paul.id())
                        .query(Integer.class)
                        .single())
                .as("the first file, undone, no longer counts")
                .isEqualTo(1);
        await().atMost(WAIT).until(() -> answersTo(firm.paul.email()).size() == 1);
    }

    @Test
    void autoRepliesAreDroppedSilently() throws Exception {
        String autoSubmitted = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage reply = reply(autoSubmitted, firm.paul.email(), paulsAddress, "Re: Bilan");
        reply.setHeader("Auto-Submitted", "auto-replied");
        reply.setText("Je suis absent jusqu'au 5 janvier.", "UTF-8");
        send(reply);
        String outOfOffice = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage absence = reply(outOfOffice, firm.paul.email(), paulsAddress, "Réponse automatique : Bilan");
        absence.setText("Absent.", "UTF-8");
        send(absence);
        String bulk = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        MimeMessage list = reply(bulk, firm.paul.email(), paulsAddress, "Newsletter");
        list.setHeader("Precedence", "bulk");
        list.setText("Promotions", "UTF-8");
        send(list);

        for (String id : List.of(autoSubmitted, outOfOffice, bulk)) {
            awaitHandled(id);
            assertThat(jdbc.sql("select outcome from inbound_email where message_key = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("DROPPED");
        }
        assertThat(messageCount()).isEqualTo(1);
        assertThat(answersTo(firm.paul.email())).isEmpty();
    }

    // --- helpers

    private int messageCount() {
        return jdbc.sql("select count(*) from message where conversation_id = ?")
                .param(conversation)
                .query(Integer.class)
                .single();
    }

    /** The messages, as Paul reads them (opening it as Alice would mark it read and spare her the e-mail). */
    private List<ConversationView.MessageView> messages() {
        return reader.open(firm.paul, conversation).messages();
    }

    private MimeMessage reply(String messageId, String from, String to, String subject) throws MessagingException {
        MimeMessage reply = newMail(messageId);
        reply.setFrom(from);
        reply.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
        reply.setSubject(subject, "UTF-8");
        return reply;
    }

    private void awaitHandled(String messageId) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("select count(*) from inbound_email where message_key = ?")
                                        .param(messageId)
                                        .query(Integer.class)
                                        .single()
                                == 1
                        && inbound.waitingReplies() == 0);
    }

    private void awaitRefused(String messageId, String reason) {
        awaitHandled(messageId);
        assertThat(jdbc.sql("select outcome || ':' || reason from inbound_email where message_key = ?")
                        .param(messageId)
                        .query(String.class)
                        .single())
                .isEqualTo("REFUSED:" + reason);
    }

    static List<MimeMessage> answersTo(String address) throws MessagingException {
        List<MimeMessage> answers = new java.util.ArrayList<>();
        for (MimeMessage mail : OUTGOING.getReceivedMessages()) {
            if (REFUSAL_SUBJECT.equals(mail.getSubject())
                    && ((jakarta.mail.internet.InternetAddress) mail.getAllRecipients()[0])
                            .getAddress()
                            .equalsIgnoreCase(address)) {
                assertThat(header(mail, "Auto-Submitted")).isEqualTo("auto-replied");
                answers.add(mail);
            }
        }
        return answers;
    }

    static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", subtype);
        return part;
    }

    /** A file of {@code size} patterned bytes, streamed into the e-mail as it is sent. */
    static MimeBodyPart file(String name, String type, long size) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new DataSource() {
            @Override
            public InputStream getInputStream() {
                return PatternedContent.patternStream(size);
            }

            @Override
            public OutputStream getOutputStream() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String getContentType() {
                return type;
            }

            @Override
            public String getName() {
                return name;
            }
        }));
        part.setFileName(jakarta.mail.internet.MimeUtility.encodeText(name, "UTF-8", null));
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    private int paulsAttachments() {
        return jdbc.sql("select count(*) from attachment where uploader_id = ?")
                .param(firm.paul.id())
                .query(Integer.class)
                .single();
    }
}
