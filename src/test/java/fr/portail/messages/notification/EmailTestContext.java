package fr.portail.messages.notification;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationReader;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.TestDirectory;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The context of the e-mail tests: the real application on the embedded PostgreSQL, sending its e-mails to a GreenMail
 * SMTP server of the test ({@link #OUTGOING}) and reading replies from the embedded mail server (SMTP to send them,
 * IMAP for the application), with a short grouping delay. Its own context, not the suite's shared one: the grouping
 * delay and the poll intervals must be short, and the outgoing mail server must be one the tests can read header by
 * header.
 */
@Import(TestDirectory.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "messages.embedded-database.ephemeral=true",
            "messages.embedded-database.database-name=email_test",
            "messages.demo-data=false",
            "messages.embedded-smtp.port=0",
            "messages.public-url=https://messages.example.test/",
            "messages.mail.reply-domain=" + EmailTestContext.REPLY_DOMAIN,
            "messages.mail.from=notifications@messages.example.test",
            "messages.notifications.poll-interval=200ms",
            "messages.notifications.first-retry-delay=200ms",
            "messages.notifications.max-retry-delay=1s",
            "messages.notifications.grouping-delay=3s",
            "messages.mail.inbound.poll-interval=5s",
            "spring.main.banner-mode=off"
        })
abstract class EmailTestContext {

    static final String REPLY_DOMAIN = "reply.messages.test";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final int OUTGOING_PORT = freePort();
    static final GreenMail OUTGOING = new GreenMail(new ServerSetup(OUTGOING_PORT, "127.0.0.1", "smtp"));

    static {
        OUTGOING.start();
    }

    @DynamicPropertySource
    static void outgoingMailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> OUTGOING_PORT);
    }

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    ConversationReader reader;

    @Autowired
    EmailPreferences preferences;

    @Autowired
    EmailDelivery delivery;

    @Autowired
    EmbeddedMailServer inbound;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    /** The notification e-mails (not the invitations) the application sent to this person, in order of arrival. */
    static List<MimeMessage> mailsTo(Viewer recipient) {
        return mailsTo(recipient.email());
    }

    static List<MimeMessage> mailsTo(String address) {
        return mailsTo(OUTGOING, address);
    }

    /** The notification e-mails that this mail server received for this address, in order of arrival. */
    static List<MimeMessage> mailsTo(GreenMail server, String address) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                var all = message.getAllRecipients();
                if (all != null
                        && message.getSubject() != null
                        && message.getHeader("List-Unsubscribe") != null
                        && Arrays.stream(all)
                                .anyMatch(
                                        a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address))) {
                    mails.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    static List<MimeMessage> awaitMails(Viewer recipient, int count) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> mailsTo(recipient).size() >= count);
        return mailsTo(recipient);
    }

    int deliveries(UUID conversation, Viewer recipient, String status) {
        return jdbc.sql("""
                        select count(*) from email_delivery where conversation_id = ? and recipient_id = ? and status = ?
                        """)
                .params(conversation, recipient.id(), status)
                .query(Integer.class)
                .single();
    }

    /** Waits until no e-mail of this conversation waits for its time any more. */
    void awaitNothingPending(UUID conversation) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("select count(*) from email_delivery where conversation_id = ?"
                                        + " and status in ('PENDING', 'SENDING')")
                                .param(conversation)
                                .query(Integer.class)
                                .single()
                        == 0);
    }

    /**
     * A new e-mail with this Message-ID (kept when sent again), addressed through the embedded mail server's SMTP side
     * as a person's mail client would send it.
     */
    MimeMessage newMail(String messageId) {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", String.valueOf(inbound.port()));
        return new MimeMessage(Session.getInstance(settings)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }

    static void send(MimeMessage mail) throws MessagingException {
        Transport.send(mail);
    }

    /** The personal reply address of an e-mail. */
    static String replyTo(MimeMessage mail) throws MessagingException {
        return ((InternetAddress) mail.getReplyTo()[0]).getAddress();
    }

    static String text(Part mail) throws Exception {
        return part(mail, "text/plain");
    }

    static String html(Part mail) throws Exception {
        return part(mail, "text/html");
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static String header(Message mail, String name) throws MessagingException {
        String[] values = mail.getHeader(name);
        return values == null ? null : values[0];
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
