package fr.portail.messages.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.portail.messages.MessagesApplication;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances on one database, both posting and delivering e-mails, while replies by e-mail arrive:
 * every message gives one e-mail per recipient and every reply by e-mail is posted once. The second instance does not
 * read the mailbox here: two IMAP readers on GreenMail's mailbox stalled (see docs/notifications.md); a second copy of
 * one e-mail, the case two readers produce, is {@link ReplyByEmailTest}'s.
 */
class TwoInstancesEmailTest extends EmailTestContext {

    @Test
    void twoInstancesPostAndDeliverWithoutDuplicatesWhileRepliesArrive() throws Exception {
        NotificationFirm firm = NotificationFirm.create(testDirectory).immediate(preferences);
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id()),
                        "Deux instances",
                        "<p>Début</p>"));
        String paulsAddress = replyTo(awaitMails(firm.paul, 1).get(0));

        try (ConfigurableApplicationContext second = secondInstance()) {
            ConversationCommands secondCommands = second.getBean(ConversationCommands.class);
            for (int i = 1; i <= 10; i++) {
                conversations.reply(firm.alice, conversation, "<p>Première instance " + i + "</p>", List.of());
                secondCommands.reply(firm.alice, conversation, "<p>Seconde instance " + i + "</p>", List.of());
                MimeMessage reply = newMail("<" + UUID.randomUUID() + "@mail.dupont.example>");
                reply.setFrom(firm.paul.email());
                reply.setRecipients(jakarta.mail.Message.RecipientType.TO, paulsAddress);
                reply.setSubject("Re: Deux instances", "UTF-8");
                reply.setText("Réponse par e-mail " + i, "UTF-8");
                send(reply);
            }
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> jdbc.sql("select count(*) from message where conversation_id = ?")
                                    .param(conversation)
                                    .query(Integer.class)
                                    .single()
                            == 31);
            awaitNothingPending(conversation);
            await().atMost(WAIT).until(() -> mailsTo(firm.bob).size() >= 31);
            await().atMost(WAIT).until(() -> inbound.waitingReplies() == 0);
        }

        // Bob never reads in the app, so he gets exactly one e-mail per message: 1 + 10 + 10 + 10.
        List<MimeMessage> toBob = mailsTo(firm.bob);
        assertThat(toBob).hasSize(31);
        assertThat(toBob.stream().map(TwoInstancesEmailTest::id).distinct()).hasSize(31);
        for (int i = 1; i <= 10; i++) {
            for (String text : List.of("Première instance " + i, "Seconde instance " + i, "Réponse par e-mail " + i)) {
                assertThat(jdbc.sql("select count(*) from message where conversation_id = ? and trim(plain_text) = ?")
                                .params(conversation, text)
                                .query(Integer.class)
                                .single())
                        .as(text)
                        .isEqualTo(1);
                String expected = text;
                assertThat(toBob.stream()
                                .filter(mail -> textOf(mail).contains(expected + "\n")
                                        || textOf(mail).endsWith(expected)))
                        .as(text)
                        .hasSize(1);
            }
        }
    }

    private ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(MessagesApplication.class)
                .properties(
                        "server.port=0",
                        "messages.embedded-database.ephemeral=true",
                        "messages.embedded-database.database-name=email_test",
                        "messages.demo-data=false",
                        "messages.data-dir=${messages.test-data-dir:target/test-data}",
                        "messages.public-url=https://messages.example.test/",
                        "messages.mail.reply-domain=" + REPLY_DOMAIN,
                        "messages.mail.from=notifications@messages.example.test",
                        "messages.notifications.poll-interval=200ms",
                        "messages.notifications.grouping-delay=3s",
                        "messages.mail.inbound.enabled=false",
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + OUTGOING_PORT,
                        "spring.main.banner-mode=off")
                .run();
    }

    private static String id(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(MimeMessage mail) {
        try {
            return text(mail).replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
