package fr.portail.messages.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.TestDirectory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Exactly once across a database outage. The application runs on a PostgreSQL of this test's own (the suite's embedded
 * server is shared by every context and must not stop), sends to a GreenMail that stops that PostgreSQL the moment it
 * has accepted one chosen e-mail — after the hand-off, before the application can record it — and a thread starts it
 * again 4 s later. Meanwhile a collaborator posts a reply every 100 ms and a client answers by e-mail. Afterwards every
 * recipient has exactly one e-mail per stored message, each with its own Message-ID, and the reply by e-mail is posted
 * once.
 */
@Import(TestDirectory.class)
@SpringBootTest(
        properties = {
            "messages.demo-data=false",
            "messages.embedded-smtp.port=0",
            "messages.data-dir=${messages.test-data-dir:target/test-data}/outage",
            "messages.public-url=https://messages.example.test/",
            "messages.mail.from=notifications@messages.example.test",
            "messages.mail.reply-domain=reply.messages.test",
            "messages.notifications.poll-interval=200ms",
            "messages.notifications.first-retry-delay=200ms",
            "messages.notifications.max-retry-delay=1s",
            "messages.mail.inbound.poll-interval=2s",
            "spring.datasource.username=postgres",
            "spring.datasource.hikari.connection-timeout=1000",
            "spring.main.banner-mode=off"
        })
class EmailOutageTest {

    private static final Logger log = LoggerFactory.getLogger(EmailOutageTest.class);
    private static final Duration OUTAGE = Duration.ofSeconds(4);
    private static final int PG_PORT = EmailTestContext.freePort();
    private static final Path PG_DATA = tempDirectory();
    private static volatile EmbeddedPostgres postgres = startPostgres();
    private static final int SMTP_PORT = EmailTestContext.freePort();
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
    /** The text whose e-mail stops the database once the mail server has accepted it. */
    private static volatile String stopOn;

    private static final AtomicBoolean stopped = new AtomicBoolean();
    private static final AtomicLong restartedAt = new AtomicLong();

    static {
        SMTP.start();
        MessageDeliveryHandler deliver = SMTP.getUserManager().getMessageDeliveryHandler();
        SMTP.getUserManager().setMessageDeliveryHandler((message, address) -> {
            var user = deliver.handle(message, address);
            String trigger = stopOn;
            if (trigger != null && body(message.getMessage()).contains(trigger) && stopped.compareAndSet(false, true)) {
                stopPostgresForAWhile();
            }
            return user;
        });
    }

    @DynamicPropertySource
    static void externalServers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/postgres");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    EmailPreferences preferences;

    @Autowired
    EmbeddedMailServer inbound;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSentEmailWhoseRecordFailsIsNeverSentAgainAndAReplyByEmailIsPostedOnce() throws Exception {
        NotificationFirm firm = NotificationFirm.create(testDirectory).immediate(preferences);
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id(), firm.claire.id()),
                        "Panne",
                        "<p>Début</p>"));
        awaitMails(firm.paul, 1);
        awaitMails(firm.bob, 1);
        String clairesAddress =
                ((InternetAddress) awaitMails(firm.claire, 1).get(0).getReplyTo()[0]).getAddress();

        AtomicInteger posted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong servedAgainAt = new AtomicLong();
        stopOn = "Relance 10";
        Thread poster = new Thread(() -> {
            for (int i = 1; i <= 80; i++) {
                try {
                    conversations.reply(firm.alice, conversation, "<p>Relance " + i + "</p>", List.of());
                    posted.incrementAndGet();
                    if (restartedAt.get() != 0) {
                        servedAgainAt.compareAndSet(0, System.nanoTime());
                    }
                } catch (RuntimeException databaseAway) {
                    refused.incrementAndGet();
                }
                sleep(100);
            }
        });
        poster.start();
        await().atMost(Duration.ofSeconds(60)).untilTrue(stopped);
        // While the database is away, Claire answers by e-mail.
        String replyId = "<" + UUID.randomUUID() + "@mail.dupont.example>";
        sendReply(replyId, firm.claire.email(), clairesAddress, "Réponse pendant la panne");
        poster.join();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("select count(*) from email_delivery where conversation_id = ?"
                                        + " and status in ('PENDING', 'SENDING')")
                                .param(conversation)
                                .query(Integer.class)
                                .single()
                        == 0);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("select count(*) from inbound_email where message_key = ?")
                                .param(replyId)
                                .query(Integer.class)
                                .single()
                        == 1);
        log.info(
                "Outage: {} replies stored, {} refused while the database was away; served again {} ms after the"
                        + " database came back",
                posted.get(),
                refused.get(),
                (servedAgainAt.get() - restartedAt.get()) / 1_000_000);

        List<String> texts = jdbc.sql("""
                        select trim(plain_text) from message where conversation_id = ? and author_id in (?, ?) order by seq
                        """)
                .params(conversation, firm.alice.id(), firm.claire.id())
                .query(String.class)
                .list();
        // Every message but Paul's and Bob's own: Alice's replies (those that answered, maybe one whose answer was
        // lost with the connection) and Claire's reply by e-mail.
        assertThat(texts).contains("Relance 10", "Réponse pendant la panne").hasSizeGreaterThan(posted.get());
        for (Viewer recipient : List.of(firm.paul, firm.bob)) {
            List<MimeMessage> mails = mailsTo(recipient);
            assertThat(mails).as("e-mails to " + recipient.name()).hasSize(texts.size());
            assertThat(mails.stream().map(EmailOutageTest::messageId).distinct())
                    .hasSize(texts.size());
            for (String text : texts) {
                assertThat(mails.stream()
                                .filter(mail -> body(mail).contains(text + "\r\n")
                                        || body(mail).contains(text + "\n")))
                        .as(text + " to " + recipient.name())
                        .hasSize(1);
            }
        }
        assertThat(jdbc.sql("select count(*) from message where conversation_id = ? and trim(plain_text) = ?")
                        .params(conversation, "Réponse pendant la panne")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    // --- the outage

    private static void stopPostgresForAWhile() {
        try {
            postgres.close();
            log.info("PostgreSQL stopped after the mail server accepted the chosen e-mail");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread restart = new Thread(() -> {
            sleep(OUTAGE.toMillis());
            postgres = startPostgres();
            restartedAt.set(System.nanoTime());
            log.info("PostgreSQL started again");
        });
        restart.setDaemon(true);
        restart.start();
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder()
                    .setPort(PG_PORT)
                    .setDataDirectory(PG_DATA)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(true)
                    .setLocaleConfig("encoding", "UTF8")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("messages-outage-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- mail

    private void sendReply(String messageId, String from, String to, String text) throws MessagingException {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", String.valueOf(inbound.port()));
        MimeMessage reply = new MimeMessage(Session.getInstance(settings)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        reply.setFrom(from);
        reply.setRecipients(Message.RecipientType.TO, to);
        reply.setSubject("Re: Panne", "UTF-8");
        reply.setText(text, "UTF-8");
        Transport.send(reply);
    }

    private static List<MimeMessage> awaitMails(Viewer recipient, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(recipient).size() >= count);
        return mailsTo(recipient);
    }

    private static List<MimeMessage> mailsTo(Viewer recipient) {
        return EmailTestContext.mailsTo(SMTP, recipient.email());
    }

    private static String body(MimeMessage mail) {
        try {
            String text = EmailTestContext.text(mail);
            return text == null ? "" : text;
        } catch (Exception e) {
            return "";
        }
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
