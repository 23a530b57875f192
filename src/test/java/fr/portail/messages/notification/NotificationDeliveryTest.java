package fr.portail.messages.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.portail.messages.MessagesApplication;
import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.PersonAdministration;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.support.TestDirectory;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * E-mail and in-app notifications end to end: the real application on the embedded PostgreSQL, sending to GreenMail
 * as a real SMTP server that the tests stop and restart.
 */
@Import(TestDirectory.class)
@SpringBootTest(
        properties = {
            "messages.embedded-database.ephemeral=true",
            "messages.embedded-database.database-name=notification_test",
            "messages.demo-data=false",
            "messages.embedded-smtp.port=0",
            "messages.public-url=https://messages.example.test/",
            "messages.mail.from=" + NotificationDeliveryTest.SENDER,
            "messages.notifications.poll-interval=200ms",
            "messages.notifications.first-retry-delay=200ms",
            "messages.notifications.max-retry-delay=1s",
            "spring.main.banner-mode=off"
        })
@AutoConfigureMockMvc
class NotificationDeliveryTest {

    private static final Logger log = LoggerFactory.getLogger(NotificationDeliveryTest.class);
    /** With a real SMTP server (spring.mail.host) the sender must be configured. */
    static final String SENDER = "messages@cabinet-test.example";

    private static final int SMTP_PORT = freePort();
    private static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
    private static final Pattern LINK =
            Pattern.compile("https://messages\\.example\\.test/conversations/[0-9a-f-]{36}");
    private static final Duration WAIT = Duration.ofSeconds(20);

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    DirectoryService directory;

    @Autowired
    PersonAdministration administration;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    NotificationService notifications;

    @Autowired
    EmailDelivery delivery;

    @Autowired
    EmailPreferences preferences;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MockMvc mvc;

    @Autowired
    ConfigurableApplicationContext context;

    NotificationFirm firm;

    @BeforeEach
    void newFirm() {
        if (!SMTP.isRunning()) {
            SMTP.start();
        }
        if (!delivery.isRunning()) {
            delivery.start();
        }
        // These tests are about the outbox itself: one e-mail per message, at once.
        firm = NotificationFirm.create(testDirectory).immediate(preferences);
    }

    @Test
    void everyParticipantButTheAuthorIsNotifiedInTheAppAndByEmailWithAnExcerptForEntreprise() throws Exception {
        long posted = System.nanoTime();
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id(), firm.claire.id()),
                        "Bilan 2025",
                        "<p>Voici le <b>bilan</b> provisoire de l'exercice.</p>"));

        List<MimeMessage> toPaul = awaitMails(firm.paul, 1);
        log.info("Posted message to e-mail in GreenMail: {} ms", (System.nanoTime() - posted) / 1_000_000);
        awaitMails(firm.bob, 1);
        awaitMails(firm.claire, 1);
        MimeMessage mail = toPaul.get(0);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "screenshots", "mail.html"), html(mail));
        assertThat(mail.getSubject()).isEqualTo(firm.companyName() + " — Bilan 2025");
        var from = (jakarta.mail.internet.InternetAddress) mail.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo(firm.name("alice") + " via Messages");
        assertThat(from.getAddress()).isEqualTo(SENDER);
        assertThat(mail.getMessageID()).endsWith("@cabinet-test.example>");
        assertThat(text(mail))
                .contains("Bonjour " + firm.name("paul") + ",")
                .contains(firm.name("alice") + " a écrit un nouveau message.")
                .contains("Type\u00a0: Entreprise")
                .contains("Entreprise\u00a0: " + firm.companyName())
                .contains("Sujet\u00a0: Bilan 2025")
                .contains("Voici le bilan provisoire de l'exercice.")
                .contains("https://messages.example.test/conversations/" + conversation);
        assertThat(html(mail))
                .contains("href=\"https://messages.example.test/conversations/" + conversation + "\"")
                .contains("Voici le bilan provisoire de l&#39;exercice.");
        // Diane starred the company and may read the conversation, but only participants are notified.
        assertThat(notificationMails(firm.alice)).isEmpty();
        assertThat(notificationMails(firm.diane)).isEmpty();
        assertThat(notifications.unreadCount(firm.paul)).isEqualTo(1);
        assertThat(notifications.unreadCount(firm.bob)).isEqualTo(1);
        assertThat(notifications.unreadCount(firm.alice)).isZero();
        assertThat(notifications.unreadCount(firm.diane)).isZero();

        posted = System.nanoTime();
        conversations.reply(firm.paul, conversation, "<p>Merci, je regarde.</p>", List.of());

        awaitMails(firm.alice, 1);
        log.info("Posted reply to e-mail in GreenMail: {} ms", (System.nanoTime() - posted) / 1_000_000);
        awaitMails(firm.bob, 2);
        awaitMails(firm.claire, 2);
        assertThat(notificationMails(firm.paul)).hasSize(1);
        assertThat(notifications.unreadCount(firm.alice)).isEqualTo(1);
        assertThat(notifications.unreadCount(firm.bob)).isEqualTo(2);
        assertThat(notifications.recent(firm.bob)).singleElement().satisfies(group -> {
            assertThat(group.conversationId()).isEqualTo(conversation);
            assertThat(group.unread()).isEqualTo(2);
            assertThat(group.unreadAuthors()).containsExactly(firm.name("alice"), firm.name("paul"));
        });
    }

    @Test
    void confidentialAndPrivateEmailsCarryNoMessageText() throws Exception {
        String secret = "Redressement-" + firm.suffix();
        UUID confidential = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.CONFIDENTIEL,
                        firm.companyId,
                        List.of(firm.paul.id()),
                        "Contrôle fiscal",
                        "<p>" + secret + " : montant 12 000 €</p>"));
        UUID privateOne = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.PRIVE,
                        null,
                        List.of(firm.bob.id()),
                        "Entretien annuel",
                        "<p>" + secret + "</p>"));

        MimeMessage toPaul = awaitMails(firm.paul, 1).get(0);
        MimeMessage toBob = awaitMails(firm.bob, 1).get(0);

        // The firm keeps the subjects of confidential conversations out of e-mails unless an administrator says not.
        assertThat(toPaul.getSubject())
                .isEqualTo("Nouveau message dans une conversation confidentielle — " + firm.companyName());
        assertThat(toBob.getSubject()).isEqualTo("Nouveau message dans une conversation privée");
        assertThat(source(toPaul)).doesNotContain("fiscal");
        assertThat(source(toBob)).doesNotContain("Entretien");
        for (MimeMessage mail : List.of(toPaul, toBob)) {
            assertThat(text(mail))
                    .doesNotContain(secret)
                    .doesNotContain("12 000")
                    .contains("confidentielle");
            assertThat(html(mail)).doesNotContain(secret).doesNotContain("12 000");
            assertThat(source(mail)).doesNotContain(secret);
        }
        assertThat(text(toPaul)).contains("Type\u00a0: Confidentiel").contains("/conversations/" + confidential);
        assertThat(text(toBob)).contains("Type\u00a0: Privé").contains("/conversations/" + privateOne);
        assertThat(text(toBob)).doesNotContain("Entreprise\u00a0:");
    }

    @Test
    void eachRecipientReadsTheEmailInTheirOwnLanguage() throws Exception {
        directory.changeLanguage(firm.bob, "en");
        conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id()),
                        "TVA",
                        "<p>Déclaration à signer.</p>"));

        String english = text(awaitMails(firm.bob, 1).get(0));
        String french = text(awaitMails(firm.paul, 1).get(0));

        assertThat(english)
                .contains("Hello " + firm.name("bob") + ",")
                .contains(firm.name("alice") + " wrote a new message.")
                .contains("Type: Company")
                .contains("Open the conversation:");
        assertThat(french)
                .contains("Bonjour " + firm.name("paul") + ",")
                .contains("Type\u00a0: Entreprise")
                .contains("Ouvrir la conversation\u00a0:");
        assertThat(html(awaitMails(firm.bob, 1).get(0))).contains("lang=\"en\"").contains("Open the conversation");
    }

    @Test
    void theLinkOfTheEmailLeadsThroughTheLoginPageToTheConversation() throws Exception {
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id()),
                        "Liasse fiscale",
                        "<p>À signer avant vendredi.</p>"));
        Matcher link = LINK.matcher(text(awaitMails(firm.paul, 1).get(0)));
        assertThat(link.find()).isTrue();
        String path = link.group().substring("https://messages.example.test".length());
        assertThat(path).isEqualTo("/conversations/" + conversation);

        // Sessions live in Spring Session JDBC: the session cookie carries them from one request to the next.
        MvcResult anonymous = mvc.perform(get(path))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"))
                .andReturn();
        Cookie session = sessionCookie(anonymous);
        MvcResult login = mvc.perform(post("/login")
                        .cookie(session)
                        .param("username", firm.paul.email())
                        .param("password", TestDirectory.PASSWORD)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String landing = login.getResponse().getRedirectedUrl();
        assertThat(landing).isEqualTo("http://localhost" + path);
        Cookie signedIn = sessionCookie(login);
        mvc.perform(get(landing).cookie(signedIn))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Liasse fiscale")));
        // Opening the conversation marked its notification read.
        assertThat(notifications.unreadCount(firm.paul)).isZero();

        // Claire is a client of the company without the star: no access, the ordinary "not found" page.
        MvcResult claire = mvc.perform(post("/login")
                        .param("username", firm.claire.email())
                        .param("password", TestDirectory.PASSWORD)
                        .with(csrf()))
                .andExpect(redirectedUrl("/"))
                .andReturn();
        mvc.perform(get(path).cookie(sessionCookie(claire))).andExpect(status().isNotFound());
    }

    @Test
    void repliesPostedWhileTheMailServerIsDownAreAllDeliveredOnceItIsBack() throws Exception {
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id()),
                        "Relances",
                        "<p>Premier message.</p>"));
        awaitMails(firm.paul, 1);
        awaitMails(firm.bob, 1);

        SMTP.stop();
        for (int i = 1; i <= 3; i++) {
            // Posting does not wait for the mail server (how fast it answers is measured in bench/, not here).
            conversations.reply(firm.alice, conversation, "<p>Relance " + i + "</p>", List.of());
        }
        // Several failed rounds, with backoff, and the six e-mails still waiting.
        await("two failed attempts on a pending e-mail")
                .atMost(WAIT)
                .until(() ->
                        jdbc.sql("""
                        select count(*) from email_delivery
                         where conversation_id = ? and status = 'PENDING' and attempts >= 2
                        """).param(conversation).query(Integer.class).single() >= 1);
        assertThat(deliveries(conversation, "PENDING")).isEqualTo(6);

        // A restarted GreenMail starts with empty mailboxes: from here on only the three replies can arrive.
        long restarted = System.nanoTime();
        SMTP.start();
        awaitMails(firm.paul, 3);
        awaitMails(firm.bob, 3);
        log.info("SMTP recovery to last pending e-mail delivered: {} ms", (System.nanoTime() - restarted) / 1_000_000);

        await("no e-mail comes a second time")
                .during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> notificationMails(firm.paul).size() == 3
                        && notificationMails(firm.bob).size() == 3);
        assertThat(notificationMails(firm.alice)).isEmpty();
        assertThat(distinctMessageIds(firm.paul)).isEqualTo(3);
        assertThat(text(notificationMails(firm.paul).get(0))
                        + text(notificationMails(firm.paul).get(1))
                        + text(notificationMails(firm.paul).get(2)))
                .contains("Relance 1")
                .contains("Relance 2")
                .contains("Relance 3");
        assertThat(deliveries(conversation, "SENT")).isEqualTo(8);
        assertThat(deliveries(conversation, "PENDING")).isZero();
    }

    @Test
    void pendingEmailsSurviveARestartAndTwoInstancesDeliverEachExactlyOnce() throws Exception {
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id()),
                        "Clôture",
                        "<p>Début.</p>"));
        awaitMails(firm.paul, 1);
        delivery.stop(); // this instance goes down with e-mails still to send
        for (int i = 1; i <= 10; i++) {
            conversations.reply(firm.alice, conversation, "<p>Pièce " + i + "</p>", List.of());
        }
        await("the twenty e-mails of the replies recorded as pending")
                .atMost(WAIT)
                .until(() -> deliveries(conversation, "PENDING") == 20);
        assertThat(notificationMails(firm.paul)).hasSize(1);

        try (ConfigurableApplicationContext secondInstance = secondInstance()) {
            // With this instance stopped, only the second one can send: it picks up what this one left.
            await("the second instance alone delivers").atMost(WAIT).until(() -> deliveries(conversation, "SENT") >= 1);
            delivery.start(); // the first instance comes back while the second one is still delivering
            awaitMails(firm.paul, 11);
            awaitMails(firm.bob, 11);
            await("no e-mail comes a second time")
                    .during(Duration.ofSeconds(1))
                    .atMost(WAIT)
                    .until(() -> notificationMails(firm.paul).size() == 11
                            && notificationMails(firm.bob).size() == 11);
        }
        assertThat(notificationMails(firm.paul)).hasSize(11);
        assertThat(notificationMails(firm.bob)).hasSize(11);
        assertThat(distinctMessageIds(firm.paul)).isEqualTo(11);
        assertThat(distinctMessageIds(firm.bob)).isEqualTo(11);
        assertThat(jdbc.sql("select max(attempts) from email_delivery where conversation_id = ?")
                        .param(conversation)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aMutedConversationAndEmailsTurnedOffLeaveInAppNotificationsOnly() throws Exception {
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id(), firm.claire.id()),
                        "Paie",
                        "<p>Bulletins de mars.</p>"));
        awaitMails(firm.claire, 1);
        awaitMails(firm.paul, 1);
        awaitMails(firm.bob, 1);
        notifications.changeMute(firm.paul, conversation, true);
        preferences.change(firm.bob, "NONE", null, null);

        conversations.reply(firm.alice, conversation, "<p>Bulletins d'avril.</p>", List.of());

        awaitMails(firm.claire, 2);
        await("the reply's e-mails handled, none to Paul (muted) or Bob (e-mails off)")
                .atMost(WAIT)
                .until(() -> deliveries(conversation, "PENDING") == 0);
        assertThat(notificationMails(firm.paul)).hasSize(1);
        assertThat(notificationMails(firm.bob)).hasSize(1);
        assertThat(notifications.unreadCount(firm.paul)).isEqualTo(2);
        assertThat(notifications.unreadCount(firm.bob)).isEqualTo(2);

        // Preferences are checked again when sending: a mute after the post still stops the e-mail.
        delivery.stop();
        conversations.reply(firm.alice, conversation, "<p>Bulletins de mai.</p>", List.of());
        notifications.changeMute(firm.claire, conversation, true);
        delivery.start();
        await().atMost(WAIT).until(() -> deliveries(conversation, "PENDING") == 0);
        assertThat(deliveries(conversation, "SKIPPED")).isEqualTo(1);
        assertThat(notificationMails(firm.claire)).hasSize(2);
        assertThat(notifications.unreadCount(firm.claire)).isEqualTo(3);

        // "Suivre à nouveau" brings the e-mails back.
        notifications.changeMute(firm.paul, conversation, false);
        conversations.reply(firm.alice, conversation, "<p>Bulletins de juin.</p>", List.of());
        awaitMails(firm.paul, 2);
    }

    @Test
    void aDeactivatedParticipantGetsNothing() throws Exception {
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id(), firm.bob.id()),
                        "Immobilisations",
                        "<p>Tableau joint.</p>"));
        awaitMails(firm.bob, 1);
        administration.deactivate(firm.admin, firm.bob.id());

        conversations.reply(firm.alice, conversation, "<p>Version corrigée.</p>", List.of());
        awaitMails(firm.paul, 2);

        // Deactivated between the post and the sending: the e-mail is dropped too.
        delivery.stop();
        conversations.reply(firm.alice, conversation, "<p>Version finale.</p>", List.of());
        administration.deactivate(firm.admin, firm.paul.id());
        delivery.start();
        await().atMost(WAIT).until(() -> deliveries(conversation, "PENDING") == 0);

        await("nothing more reaches Bob or Paul")
                .during(Duration.ofMillis(500))
                .atMost(WAIT)
                .until(() -> notificationMails(firm.bob).size() == 1
                        && notificationMails(firm.paul).size() == 2);
        assertThat(jdbc.sql("select count(*) from notification where recipient_id = ?")
                        .param(firm.bob.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(deliveries(conversation, "SKIPPED")).isEqualTo(1);
    }

    @Test
    void aPostThatRollsBackNotifiesNobody() {
        UUID conversation = conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id()),
                        "Annulé",
                        "<p>Premier.</p>"));
        int before = jdbc.sql("select count(*) from notification where conversation_id = ?")
                .param(conversation)
                .query(Integer.class)
                .single();

        transactions.executeWithoutResult(status -> {
            conversations.reply(firm.alice, conversation, "<p>Jamais envoyé.</p>", List.of());
            status.setRollbackOnly();
        });

        assertThat(jdbc.sql("select count(*) from notification where conversation_id = ?")
                        .param(conversation)
                        .query(Integer.class)
                        .single())
                .isEqualTo(before)
                .isEqualTo(1);
        assertThat(deliveries(conversation)).isEqualTo(1);
    }

    @Test
    void aSubjectWithLineBreaksCannotAddHeaders() throws Exception {
        String evil = "evil-" + firm.suffix() + "@attacker.test";
        conversations.create(
                firm.alice,
                new NewConversation(
                        ConversationType.ENTREPRISE,
                        firm.companyId,
                        List.of(firm.paul.id()),
                        "Bilan\r\nBcc: " + evil + "\nX-Injected: yes",
                        "<p>Texte.</p>"));

        MimeMessage mail = awaitMails(firm.paul, 1).get(0);
        assertThat(mail.getSubject()).doesNotContain("\n").doesNotContain("\r").startsWith(firm.companyName() + " — ");
        assertThat(mail.getHeader("X-Injected")).isNull();
        assertThat(mail.getHeader("Bcc")).isNull();
        await("no e-mail reaches the injected address")
                .during(Duration.ofMillis(300))
                .atMost(WAIT)
                .until(() -> Arrays.stream(SMTP.getReceivedMessages())
                        .flatMap(m -> recipients(m).stream())
                        .noneMatch(evil::equals));
    }

    // --- helpers

    /** The Spring Session cookie set by a response (its name depends on how the session cookie is configured). */
    private static Cookie sessionCookie(MvcResult result) {
        return Arrays.stream(result.getResponse().getCookies())
                .filter(cookie ->
                        cookie.getName().toUpperCase(java.util.Locale.ROOT).contains("SESSION"))
                .reduce((first, last) -> last)
                .orElseThrow();
    }

    private ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(MessagesApplication.class)
                .properties(
                        "server.port=0",
                        "messages.embedded-database.ephemeral=true",
                        "messages.embedded-database.database-name=notification_test",
                        "messages.demo-data=false",
                        "messages.public-url=https://messages.example.test/",
                        "messages.notifications.poll-interval=200ms",
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + SMTP_PORT,
                        "messages.mail.inbound.enabled=false",
                        "messages.mail.from=" + SENDER,
                        "spring.main.banner-mode=off")
                .run();
    }

    private int deliveries(UUID conversation, String status) {
        return jdbc.sql("select count(*) from email_delivery where conversation_id = ? and status = ?")
                .params(conversation, status)
                .query(Integer.class)
                .single();
    }

    private int deliveries(UUID conversation) {
        return jdbc.sql("select count(*) from email_delivery where conversation_id = ?")
                .params(conversation)
                .query(Integer.class)
                .single();
    }

    private List<MimeMessage> awaitMails(Viewer recipient, int count) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> notificationMails(recipient).size() >= count);
        return notificationMails(recipient);
    }

    /** The notification e-mails (not the invitations) received for this person, in order of arrival. */
    private static List<MimeMessage> notificationMails(Viewer recipient) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            try {
                if (message.getSubject() != null
                        && message.getHeader("List-Unsubscribe") != null
                        && recipients(message).contains(recipient.email())) {
                    mails.add(message);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    private static long distinctMessageIds(Viewer recipient) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (MimeMessage mail : notificationMails(recipient)) {
            ids.add(mail.getMessageID());
        }
        return ids.stream().distinct().count();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null
                    ? List.of()
                    : Arrays.stream(all)
                            .map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress())
                            .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage mail) throws Exception {
        return part(mail, "text/plain");
    }

    private static String html(MimeMessage mail) throws Exception {
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

    private static String source(MimeMessage mail) throws Exception {
        var out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
