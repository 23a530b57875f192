package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.InvitationService;
import fr.portail.messages.directory.NewPerson;
import fr.portail.messages.directory.PersonKind;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.platform.EmbeddedMailServer.CaughtEmail;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Forgotten password from the login page, change of password on the profile page, and no administrator takeover. */
@IntegrationTest
class PasswordResetAndChangeTest {

    private static final Pattern RESET_LINK = Pattern.compile("https?://\\S+/mot-de-passe/nouveau/(\\S+)");
    private static final String NEW_PASSWORD = "harbour lights over the bay 7";

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    fr.portail.messages.directory.PersonAdministration administration;

    @Autowired
    InvitationService invitations;

    @AfterEach
    void cleanUp() {
        clock.reset();
        jdbc.sql("delete from login_failure where throttle_key like '%address:%'")
                .update();
    }

    private List<CaughtEmail> mailsTo(String email) {
        return mail.receivedEmails().stream()
                .filter(caught -> caught.to().contains(email))
                .toList();
    }

    private List<CaughtEmail> resetMailsTo(String email) {
        return mailsTo(email).stream()
                .filter(caught -> caught.subject().equals("Changer votre mot de passe"))
                .toList();
    }

    private String resetToken(String email) {
        List<CaughtEmail> mails = resetMailsTo(email);
        assertThat(mails).isNotEmpty();
        Matcher link = RESET_LINK.matcher(mails.get(mails.size() - 1).text());
        assertThat(link.find())
                .as("a reset link in %s", mails.get(mails.size() - 1))
                .isTrue();
        return link.group(1);
    }

    private static Response post(HttpUser user, String formPage, String path, Map<String, String> fields) {
        Map<String, String> withToken = new HashMap<>(fields);
        withToken.put("_csrf", HttpUser.csrfToken(user.get(formPage)));
        return user.postForm(path, withToken);
    }

    @Test
    void forgottenPasswordSendsASingleUseLinkThatSetsTheNewPasswordAndEndsEverySession() {
        TestUser user = directory.collaborator();
        HttpUser elsewhere = new HttpUser(port).signedIn(user.email(), user.password());
        HttpUser visitor = new HttpUser(port);

        Response asked = post(visitor, "/mot-de-passe/oublie", "/mot-de-passe/oublie", Map.of("email", user.email()));
        Response unknown = post(
                new HttpUser(port),
                "/mot-de-passe/oublie",
                "/mot-de-passe/oublie",
                Map.of("email", TestDirectory.uniqueEmail("nobody")));

        assertThat(asked.location()).isEqualTo("/mot-de-passe/oublie?envoye");
        assertThat(unknown.location()).isEqualTo(asked.location());
        assertThat(visitor.get("/mot-de-passe/oublie?envoye").body())
                .contains("Si cette adresse correspond à un compte actif");
        String token = resetToken(user.email());
        String page = "/mot-de-passe/nouveau/" + token;
        assertThat(visitor.get(page).status()).isEqualTo(200);

        Response weak = post(visitor, page, page, Map.of("password", "short", "passwordConfirmation", "short"));
        assertThat(weak.status()).isEqualTo(200);
        assertThat(weak.body()).contains("au moins 12 caractères");
        Response done =
                post(visitor, page, page, Map.of("password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD));

        assertThat(done.location()).isEqualTo("/login?reset");
        assertThat(elsewhere.get("/entreprises").location())
                .as("the other session ended")
                .isEqualTo("/login");
        assertThat(new HttpUser(port).signIn(user.email(), user.password()).location())
                .isEqualTo("/login?error");
        new HttpUser(port).signedIn(user.email(), NEW_PASSWORD);
        assertThat(new HttpUser(port).get(page).status())
                .as("the link works once")
                .isEqualTo(404);
        assertThat(jdbc.sql("select action from audit_entry where target = ? order by id")
                        .param(user.email())
                        .query(String.class)
                        .list())
                .contains("PASSWORD_RESET_REQUESTED", "PASSWORD_RESET");
    }

    @Test
    void resetLinkStopsWorkingAfterThirtyMinutes() {
        TestUser user = directory.client(directory.company());
        post(new HttpUser(port), "/mot-de-passe/oublie", "/mot-de-passe/oublie", Map.of("email", user.email()));
        String page = "/mot-de-passe/nouveau/" + resetToken(user.email());

        clock.advance(Duration.ofMinutes(31));

        assertThat(new HttpUser(port).get(page).status()).isEqualTo(404);
    }

    @Test
    void resetRequestsAreThrottledPerAccountWithTheSameAnswer() {
        TestUser user = directory.collaborator();
        for (int i = 0; i < LoginThrottle.RESET_ACCOUNT_THRESHOLD + 2; i++) {
            Response answer = post(
                    new HttpUser(port), "/mot-de-passe/oublie", "/mot-de-passe/oublie", Map.of("email", user.email()));
            assertThat(answer.location()).isEqualTo("/mot-de-passe/oublie?envoye");
        }

        assertThat(resetMailsTo(user.email())).hasSize(LoginThrottle.RESET_ACCOUNT_THRESHOLD);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneEndsOtherSessionsAndSendsAnEmail() {
        TestUser user = directory.collaborator();
        HttpUser here = new HttpUser(port).signedIn(user.email(), user.password());
        HttpUser elsewhere = new HttpUser(port).signedIn(user.email(), user.password());

        Response wrong = post(
                here,
                "/profil",
                "/profil/mot-de-passe",
                Map.of(
                        "currentPassword",
                        "not mine at all",
                        "password",
                        NEW_PASSWORD,
                        "passwordConfirmation",
                        NEW_PASSWORD));
        assertThat(wrong.location()).isEqualTo("/profil#password");
        assertThat(here.get("/profil").body()).contains("Le mot de passe actuel est incorrect.");
        assertThat(elsewhere.get("/profil").status()).isEqualTo(200);

        Response changed = post(
                here,
                "/profil",
                "/profil/mot-de-passe",
                Map.of(
                        "currentPassword",
                        user.password(),
                        "password",
                        NEW_PASSWORD,
                        "passwordConfirmation",
                        NEW_PASSWORD));

        assertThat(changed.location()).isEqualTo("/profil#password");
        assertThat(here.get("/profil").body()).contains("Mot de passe changé.");
        assertThat(elsewhere.get("/profil").location()).isEqualTo("/login");
        assertThat(mailsTo(user.email()))
                .anySatisfy(caught -> assertThat(caught.subject()).isEqualTo("Votre mot de passe a été changé"));
        new HttpUser(port).signedIn(user.email(), NEW_PASSWORD);
    }

    @Test
    void administratorGetsNoLinkThatSignsInAPersonWhoHasAPassword() {
        TestUser admin = directory.admin();
        TestUser person = directory.collaborator();
        HttpUser boss = new HttpUser(port).signedIn(admin.email(), admin.password());
        String userPage = "/admin/utilisateurs/" + person.id();

        assertThat(boss.get(userPage).body())
                .doesNotContain("data-testid=\"resend-invitation\"")
                .contains("data-testid=\"send-reset\"");
        Response resend = post(boss, userPage, userPage + "/invitation", Map.of());
        String afterResend = boss.get(resend.location()).body();
        assertThat(afterResend).doesNotContain("/invitations/").contains("déjà choisi un mot de passe");
        Response reset = post(boss, userPage, userPage + "/reinitialisation", Map.of());
        String afterReset = boss.get(reset.location()).body();

        assertThat(afterReset).contains("Un e-mail de réinitialisation").doesNotContain("/mot-de-passe/nouveau/");
        assertThat(resetMailsTo(person.email())).isNotEmpty();
        assertThatNoInvitationWorksFor(person.email());
    }

    @Test
    void invitationLinkShownBeforeThePersonChoseAPasswordStopsWorkingOnceTheyDid() {
        var issued = administration.invite(
                directory.viewer(directory.admin()),
                new NewPerson(TestDirectory.uniqueEmail("newcomer"), "Newcomer", PersonKind.COLLABORATOR, List.of()));
        String token = TestDirectory.token(issued.url());
        // The person sets a password another way (a reset e-mail) while the shown link is still open.
        post(new HttpUser(port), "/mot-de-passe/oublie", "/mot-de-passe/oublie", Map.of("email", issued.email()));
        String page = "/mot-de-passe/nouveau/" + resetToken(issued.email());
        post(new HttpUser(port), page, page, Map.of("password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD));

        assertThat(new HttpUser(port).get("/invitations/" + token).status()).isEqualTo(404);
        assertThat(invitations.find(token)).isEmpty();
    }

    private void assertThatNoInvitationWorksFor(String email) {
        assertThat(jdbc.sql("""
                        select count(*) from invitation i join person p on p.id = i.person_id
                        where lower(p.email) = lower(?) and i.purpose = 'INVITATION' and i.used_at is null
                          and i.expires_at > now()
                        """).param(email).query(Integer.class).single()).isZero();
    }
}
