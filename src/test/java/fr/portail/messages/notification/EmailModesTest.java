package fr.portail.messages.notification;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.directory.Viewer;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The four e-mail modes with GreenMail as the mail server: immediate, grouped (three messages within the delay make
 * one e-mail; nothing when read in the app meanwhile; nothing for a conversation the person lost access to), daily
 * (at the chosen hour in the person's time zone, across a daylight-saving change) and none; and what a burst of ten
 * messages gives in each mode.
 */
class EmailModesTest extends EmailTestContext {

    private static final Logger log = LoggerFactory.getLogger(EmailModesTest.class);

    @Autowired
    NotificationService notifications;

    NotificationFirm firm;

    @BeforeEach
    void newFirm() {
        firm = NotificationFirm.create(testDirectory);
    }

    private UUID conversationWith(String subject, Viewer... participants) {
        return conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        java.util.Arrays.stream(participants).map(Viewer::id).toList(),
                        subject,
                        "<p>Message 1 de " + subject + "</p>"));
    }

    @Test
    void immediateSendsOneEmailPerMessageAtOnce() throws Exception {
        preferences.change(firm.paul, "IMMEDIATE", null, null);
        UUID conversation = conversationWith("Immédiat", firm.paul);
        conversations.reply(firm.alice, conversation, "<p>Message 2</p>", List.of());
        conversations.reply(firm.alice, conversation, "<p>Message 3</p>", List.of());

        List<MimeMessage> mails = awaitMails(firm.paul, 3);
        awaitNothingPending(conversation);
        assertThat(mailsTo(firm.paul)).hasSize(3);
        assertThat(mails.stream().map(EmailModesTest::messageId).distinct()).hasSize(3);
        assertThat(text(mails.get(2))).contains("Message 3").doesNotContain("Message 2");
    }

    @Test
    void groupedSendsOneEmailListingThreeMessagesPostedWithinTheDelay() throws Exception {
        // Paul never chose: grouped is the default.
        assertThat(preferences.of(firm.paul).mode()).isEqualTo(EmailMode.GROUPED);
        preferences.change(firm.bob, "NONE", null, null);
        UUID conversation = conversationWith("Groupé", firm.paul, firm.bob);
        conversations.reply(firm.alice, conversation, "<p>Deuxième message</p>", List.of());
        conversations.reply(firm.alice, conversation, "<p>Troisième message</p>", List.of());

        awaitNothingPending(conversation);
        List<MimeMessage> mails = mailsTo(firm.paul);
        assertThat(mails).hasSize(1);
        String text = text(mails.get(0));
        assertThat(text).contains("3 nouveaux messages");
        assertThat(text.indexOf("Message 1 de Groupé"))
                .isLessThan(text.indexOf("Deuxième message"))
                .isGreaterThanOrEqualTo(0);
        assertThat(text.indexOf("Deuxième message")).isLessThan(text.indexOf("Troisième message"));
        assertThat(deliveries(conversation, firm.paul, "SENT")).isEqualTo(3);
        assertThat(jdbc.sql("select count(distinct email_id) from email_delivery where conversation_id = ?"
                                + " and recipient_id = ?")
                        .params(conversation, firm.paul.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(mailsTo(firm.bob)).isEmpty();
        assertThat(notifications.unreadCount(firm.bob)).isEqualTo(3);
    }

    @Test
    void groupedSendsNothingWhenTheConversationWasReadInTheAppMeanwhile() throws Exception {
        UUID read = conversationWith("Lu entre-temps", firm.paul);
        UUID partlyRead = conversationWith("Lu en partie", firm.paul);
        reader.open(firm.paul, read);
        reader.open(firm.paul, partlyRead);
        conversations.reply(firm.alice, partlyRead, "<p>Après lecture</p>", List.of());

        awaitNothingPending(read);
        awaitNothingPending(partlyRead);
        assertThat(deliveries(read, firm.paul, "SKIPPED")).isEqualTo(1);
        List<MimeMessage> mails = mailsTo(firm.paul);
        assertThat(mails).hasSize(1);
        assertThat(text(mails.get(0)))
                .contains("Après lecture")
                .doesNotContain("Message 1 de Lu en partie")
                .doesNotContain("Lu entre-temps");
    }

    @Test
    void aConversationThePersonLostAccessToBeforeSendingTimeIsLeftOut() throws Exception {
        UUID conversation = conversationWith("Accès perdu", firm.paul);
        firm.paulLeavesTheCompany();

        awaitNothingPending(conversation);
        assertThat(deliveries(conversation, firm.paul, "SKIPPED")).isEqualTo(1);
        assertThat(jdbc.sql("select last_error from email_delivery where conversation_id = ? and recipient_id = ?")
                        .params(conversation, firm.paul.id())
                        .query(String.class)
                        .single())
                .isEqualTo("recipient no longer has access");
        assertThat(mailsTo(firm.paul)).isEmpty();
    }

    @Test
    void noneAndAMutedConversationSendNothingInEveryMode() throws Exception {
        preferences.change(firm.paul, "NONE", null, null);
        preferences.change(firm.bob, "IMMEDIATE", null, null);
        preferences.change(firm.claire, "GROUPED", null, null);
        UUID conversation = conversationWith("Silence", firm.paul, firm.bob, firm.claire);
        awaitMails(firm.bob, 1);
        notifications.changeMute(firm.bob, conversation, true);
        notifications.changeMute(firm.claire, conversation, true);
        conversations.reply(firm.alice, conversation, "<p>Encore</p>", List.of());

        awaitNothingPending(conversation);
        assertThat(mailsTo(firm.paul)).isEmpty();
        assertThat(mailsTo(firm.bob)).hasSize(1);
        assertThat(mailsTo(firm.claire)).isEmpty();
        assertThat(notifications.unreadCount(firm.paul)).isEqualTo(2);
    }

    /**
     * Paul wants his summary at 8 h, Paris time. In March 2027 the clocks go forward on the 28th: 8 h in Paris is 07:00
     * UTC on the 27th and 06:00 UTC on the 29th. The delivery is driven with those instants.
     */
    @Test
    void theDailyEmailComesAtTheChosenHourInThePersonsTimeZoneAcrossADaylightSavingChange() throws Exception {
        preferences.change(firm.paul, "DAILY", 8, "Europe/Paris");
        UUID first = conversationWith("Résumé un", firm.paul);
        conversations.reply(firm.alice, first, "<p>Deuxième</p>", List.of());
        UUID second = conversationWith("Résumé deux", firm.paul);
        assertThat(jdbc.sql("select count(*) from email_delivery where recipient_id = ?")
                        .param(firm.paul.id())
                        .query(Integer.class)
                        .single())
                .isZero();

        delivery.deliverDigests(Instant.parse("2027-03-27T06:59:00Z"));
        assertThat(mailsTo(firm.paul)).isEmpty();

        delivery.deliverDigests(Instant.parse("2027-03-27T07:00:00Z"));
        assertThat(mailsTo(firm.paul)).hasSize(1);
        String digest = text(mailsTo(firm.paul).get(0));
        assertThat(digest)
                .contains("Résumé un")
                .contains("2 non lus")
                .contains("Résumé deux")
                .contains("1 non lu")
                .contains("https://messages.example.test/conversations/" + first);
        assertThat(mailsTo(firm.paul).get(0).getSubject()).contains("2 conversations");

        delivery.deliverDigests(Instant.parse("2027-03-27T09:00:00Z"));
        assertThat(mailsTo(firm.paul)).hasSize(1);

        reader.open(firm.paul, second);
        delivery.deliverDigests(Instant.parse("2027-03-29T05:59:00Z"));
        assertThat(mailsTo(firm.paul)).hasSize(1);
        delivery.deliverDigests(Instant.parse("2027-03-29T06:00:00Z"));
        assertThat(mailsTo(firm.paul)).hasSize(2);
        assertThat(text(mailsTo(firm.paul).get(1))).contains("Résumé un").doesNotContain("Résumé deux");

        reader.open(firm.paul, first);
        delivery.deliverDigests(Instant.parse("2027-03-30T06:00:00Z"));
        assertThat(mailsTo(firm.paul)).hasSize(2);
        assertThat(jdbc.sql("select status from email_digest where person_id = ? order by local_date")
                        .param(firm.paul.id())
                        .query(String.class)
                        .list())
                .containsExactly("SENT", "SENT", "SKIPPED");
    }

    /**
     * Ten messages in two minutes with the default three-minute grouping delay, scaled down to the test's delay (ten
     * messages within two thirds of it): what each recipient receives in each mode.
     */
    @Test
    void aBurstOfTenMessagesGivesTenOneOneAndNoEmailsInTheFourModes() throws Exception {
        preferences.change(firm.paul, "IMMEDIATE", null, null);
        preferences.change(firm.bob, "GROUPED", null, null);
        preferences.change(firm.diane, "DAILY", 8, "Europe/Paris");
        preferences.change(firm.claire, "NONE", null, null);
        UUID conversation = conversationWith("Rafale", firm.paul, firm.bob, firm.diane, firm.claire);
        for (int i = 2; i <= 10; i++) {
            Thread.sleep(200);
            conversations.reply(firm.alice, conversation, "<p>Rafale " + i + "</p>", List.of());
        }
        awaitNothingPending(conversation);
        delivery.deliverDigests(Instant.parse("2027-06-01T06:00:00Z"));

        int immediate = mailsTo(firm.paul).size();
        int grouped = mailsTo(firm.bob).size();
        int daily = mailsTo(firm.diane).size();
        int none = mailsTo(firm.claire).size();
        log.info(
                "Burst of 10 messages: IMMEDIATE {} e-mails, GROUPED {}, DAILY {}, NONE {}",
                immediate,
                grouped,
                daily,
                none);
        assertThat(List.of(immediate, grouped, daily, none)).containsExactly(10, 1, 1, 0);
        assertThat(text(mailsTo(firm.bob).get(0)))
                .contains("10 nouveaux messages")
                .contains("Rafale 10");
        assertThat(text(mailsTo(firm.diane).get(0))).contains("10 non lus");
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
