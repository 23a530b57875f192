package fr.portail.messages.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import fr.portail.messages.conversation.ConversationCommands;
import fr.portail.messages.conversation.ConversationType;
import fr.portail.messages.conversation.NewConversation;
import fr.portail.messages.directory.DirectoryService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.Html;
import fr.portail.messages.support.TestDirectory;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The pages of notifications in the default set-up (embedded SMTP server): the bell, the list, "Tout marquer comme
 * lu", the mute toggle, the profile and its tokens, the administrators' e-mail page, and the JSON API.
 */
@Import(TestDirectory.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = NotificationPagesTest.PROPERTIES)
@AutoConfigureMockMvc
class NotificationPagesTest {

    static final String PROPERTIES = """
            messages.embedded-database.ephemeral=true
            messages.embedded-database.database-name=notification_test
            messages.demo-data=false
            messages.embedded-smtp.port=0
            messages.data-dir=${messages.test-data-dir:target/test-data}
            messages.notifications.poll-interval=200ms
            spring.main.banner-mode=off
            """;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    DirectoryService directory;

    @Autowired
    ConversationCommands conversations;

    @Autowired
    NotificationService notifications;

    @Autowired
    EmailPreferences preferences;

    @Autowired
    AccessTokens tokens;

    @Autowired
    EmbeddedMailServer mailServer;

    @Autowired
    MockMvc mvc;

    NotificationFirm firm;

    @BeforeEach
    void newFirm() {
        firm = NotificationFirm.create(testDirectory).immediate(preferences);
    }

    @Test
    void theBellCountsUnreadNotificationsAndOpeningTheConversationMarksThemRead() throws Exception {
        UUID first = conversations.create(firm.alice, entreprise("Bilan 2025", firm.paul));
        conversations.reply(firm.alice, first, "<p>Complément.</p>", List.of());
        UUID second = conversations.create(firm.alice, entreprise("TVA de mars", firm.paul));
        Cookie paul = login(firm.paul);

        String inbox = mvc.perform(get("/").cookie(paul))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Html.text(inbox, "notification-count")).isEqualTo("3");
        mvc.perform(get("/notifications").cookie(paul))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/conversations/" + first + "\"")))
                .andExpect(content().string(containsString("href=\"/conversations/" + second + "\"")))
                .andExpect(content().string(containsString("2 nouveaux messages de " + firm.name("alice"))))
                .andExpect(content().string(containsString("Tout marquer comme lu")));

        mvc.perform(get("/conversations/" + first).cookie(paul)).andExpect(status().isOk());
        assertThat(notifications.unreadCount(firm.paul)).isEqualTo(1);
        mvc.perform(get("/notifications/cloche").cookie(paul))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">1</span>")))
                .andExpect(content().string(not(containsString("hx-trigger")))); // live events refresh it: no polling

        mvc.perform(post("/notifications/tout-lu").cookie(paul).with(csrf()))
                .andExpect(redirectedUrl("/notifications"));
        assertThat(notifications.unreadCount(firm.paul)).isZero();
        mvc.perform(get("/notifications/cloche").cookie(paul))
                .andExpect(content().string(not(containsString("notification-count"))));
    }

    @Test
    void aConversationWithoutAccessAnswersNotFoundAndCannotBeMuted() throws Exception {
        UUID conversation = conversations.create(firm.alice, entreprise("Interne", firm.paul));
        Cookie claire = login(firm.claire);

        mvc.perform(get("/conversations/" + conversation).cookie(claire)).andExpect(status().isNotFound());
        mvc.perform(get("/conversations/" + conversation + "/suivi").cookie(claire))
                .andExpect(status().isNotFound());
        mvc.perform(post("/conversations/" + conversation + "/suivi")
                        .param("muted", "true")
                        .cookie(claire)
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(notifications.isMuted(firm.claire, conversation)).isFalse();
        assertThat(notifications.unreadCount(firm.paul)).isEqualTo(1);
    }

    @Test
    void aParticipantMutesAndFollowsAgainFromTheConversationPage() throws Exception {
        UUID conversation = conversations.create(firm.alice, entreprise("Paie", firm.paul));
        Cookie paul = login(firm.paul);

        mvc.perform(get("/conversations/" + conversation).cookie(paul))
                .andExpect(content().string(containsString("/conversations/" + conversation + "/suivi")));
        mvc.perform(get("/conversations/" + conversation + "/suivi").cookie(paul))
                .andExpect(content().string(containsString("Ne plus suivre")));
        mvc.perform(post("/conversations/" + conversation + "/suivi")
                        .param("muted", "true")
                        .cookie(paul)
                        .with(csrf()))
                .andExpect(redirectedUrl("/conversations/" + conversation));
        assertThat(notifications.isMuted(firm.paul, conversation)).isTrue();
        mvc.perform(get("/conversations/" + conversation + "/suivi").cookie(paul))
                .andExpect(content().string(containsString("Suivre à nouveau")));
        mvc.perform(post("/conversations/" + conversation + "/suivi")
                        .param("muted", "false")
                        .cookie(paul)
                        .with(csrf()))
                .andExpect(redirectedUrl("/conversations/" + conversation));
        assertThat(notifications.isMuted(firm.paul, conversation)).isFalse();
    }

    @Test
    void theProfileTurnsEmailsOffAndManagesPersonalAccessTokens() throws Exception {
        Cookie paul = login(firm.paul);
        String profile = mvc.perform(get("/profil").cookie(paul))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Recevoir les e-mails")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(Html.hasAttribute(profile, "email-mode-IMMEDIATE", "checked"))
                .isTrue();

        mvc.perform(post("/profil/notifications")
                        .param("emailMode", "NONE")
                        .cookie(paul)
                        .with(csrf()))
                .andExpect(redirectedUrl("/profil#notifications"));
        assertThat(preferences.of(firm.paul).mode()).isEqualTo(EmailMode.NONE);
        mvc.perform(post("/profil/notifications")
                        .param("emailMode", "DAILY")
                        .param("dailyHour", "7")
                        .param("timeZone", "America/Montreal")
                        .cookie(paul)
                        .with(csrf()))
                .andExpect(redirectedUrl("/profil#notifications"));
        assertThat(preferences.of(firm.paul))
                .isEqualTo(new EmailPreferences.Preference(EmailMode.DAILY, 7, "America/Montreal"));
        // A wrong hour and zone: both errors next to their fields, in French, and nothing changes.
        mvc.perform(post("/profil/notifications")
                        .param("emailMode", "GROUPED")
                        .param("dailyHour", "24")
                        .param("timeZone", "Mars/Olympus")
                        .cookie(paul)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("entre 0 et 23")))
                .andExpect(content().string(containsString("Fuseau horaire inconnu")));
        assertThat(preferences.of(firm.paul).mode()).isEqualTo(EmailMode.DAILY);

        MvcResult created = mvc.perform(post("/profil/jetons")
                        .param("name", "Logiciel comptable")
                        .cookie(paul)
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn();
        var token =
                (AccessTokens.CreatedToken) created.getModelAndView().getModel().get("createdToken");
        assertThat(created.getResponse().getContentAsString()).contains(token.value());
        mvc.perform(get("/profil").cookie(paul))
                .andExpect(content().string(containsString("Logiciel comptable")))
                .andExpect(content().string(not(containsString(token.value()))));
        mvc.perform(get("/api/v1/notifications").header("Authorization", "Bearer " + token.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unread").value(0));

        mvc.perform(post("/profil/jetons").param("name", " ").cookie(paul).with(csrf()))
                .andExpect(redirectedUrl("/profil#tokens"));
        assertThat(tokens.list(firm.paul)).hasSize(1);

        // The former path, which mixed French and English, still leads there.
        mvc.perform(post("/profil/tokens/" + token.id() + "/revoke")
                        .cookie(paul)
                        .with(csrf()))
                .andExpect(status().isPermanentRedirect())
                .andExpect(redirectedUrl("/profil/jetons/" + token.id() + "/revoquer"));
        mvc.perform(post("/profil/jetons/" + token.id() + "/revoquer")
                        .cookie(paul)
                        .with(csrf()))
                .andExpect(redirectedUrl("/profil#tokens"));
        assertThat(tokens.list(firm.paul)).isEmpty();
        mvc.perform(get("/api/v1/notifications").header("Authorization", "Bearer " + token.value()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theApiListsNotificationsGroupedByConversation() throws Exception {
        UUID conversation = conversations.create(firm.alice, entreprise("Relevés", firm.paul));
        var token = tokens.create(firm.paul, "script");

        mvc.perform(get("/api/v1/notifications").header("Authorization", "Bearer " + token.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unread").value(1))
                .andExpect(jsonPath("$.items[0].conversationId").value(conversation.toString()))
                .andExpect(jsonPath("$.items[0].subject").value("Relevés"))
                .andExpect(jsonPath("$.items[0].unread").value(1));
        mvc.perform(post("/api/v1/notifications/read").header("Authorization", "Bearer " + token.value()))
                .andExpect(status().isNoContent());
        assertThat(notifications.unreadCount(firm.paul)).isZero();
    }

    @Test
    void administratorsReadTheCaughtEmailsWithTheirLinksAndOthersMayNot() throws Exception {
        UUID conversation = conversations.create(firm.alice, entreprise("Bilan " + firm.suffix(), firm.paul));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mailServer.receivedEmails().stream()
                        .anyMatch(mail -> mail.to().contains(firm.paul.email())
                                && mail.subject().contains(firm.suffix())));

        mvc.perform(get("/admin/emails").cookie(login(firm.admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(firm.companyName() + " — Bilan " + firm.suffix())))
                .andExpect(content().string(containsString("http://localhost:8080/conversations/" + conversation)));
        mvc.perform(get("/admin/emails").cookie(login(firm.paul))).andExpect(status().isForbidden());
    }

    private NewConversation entreprise(String subject, Viewer... participants) {
        return new NewConversation(
                ConversationType.ENTREPRISE,
                firm.companyId,
                Arrays.stream(participants).map(Viewer::id).toList(),
                subject,
                "<p>Bonjour.</p>");
    }

    /** Signs in through the login form and returns the session cookie. */
    private Cookie login(Viewer person) throws Exception {
        MvcResult result = mvc.perform(post("/login")
                        .param("username", person.email())
                        .param("password", TestDirectory.PASSWORD)
                        .with(csrf()))
                .andExpect(redirectedUrl("/"))
                .andReturn();
        return Arrays.stream(result.getResponse().getCookies())
                .filter(cookie -> cookie.getName().toUpperCase(Locale.ROOT).contains("SESSION"))
                .reduce((first, last) -> last)
                .orElseThrow();
    }
}
