package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.firm.SecondFactorSetting;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two-step sign-in over HTTP: the e-mail code (right, wrong, expired, the sixth try), the firm's rule for each kind of
 * person, personal access tokens, and the setting on the administration page.
 */
@IntegrationTest
class SecondFactorTest {

    static final String CODE_SUBJECT = "Votre code de connexion";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    SecondFactorSetting setting;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @AfterEach
    void backToThePasswordAlone() {
        clock.reset();
        setting.change(null, "none");
    }

    private HttpUser afterPassword(TestUser person) {
        HttpUser user = new HttpUser(port);
        Response answer = user.signIn(person.email(), person.password());
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).isEqualTo("/");
        return user;
    }

    private static String csrf(HttpUser user) {
        return HttpUser.csrfToken(user.get("/connexion/verification"));
    }

    /** Asks for a code and reads it in the new e-mail (several sent within a second have no reliable order). */
    private String sendCode(HttpUser user, TestUser person) {
        List<String> before = mailsTo(person).stream().map(e -> e.text()).toList();
        Response sent = user.postForm("/connexion/code", Map.of("_csrf", csrf(user)));
        assertThat(sent.status()).isEqualTo(302);
        assertThat(sent.location()).isEqualTo("/connexion/verification?envoye");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> mailsTo(person).size() > before.size());
        List<String> fresh = mailsTo(person).stream()
                .map(e -> e.text())
                .filter(text -> !before.contains(text))
                .toList();
        assertThat(fresh).hasSize(1);
        Matcher code = CODE.matcher(fresh.get(0));
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    private List<EmbeddedMailServer.CaughtEmail> mailsTo(TestUser person) {
        return mail.receivedEmails().stream()
                .filter(e -> e.to().contains(person.email()) && e.subject().equals(CODE_SUBJECT))
                .toList();
    }

    private static Response typeCode(HttpUser user, String code) {
        return user.postForm("/connexion/code/verifier", Map.of("code", code, "_csrf", csrf(user)));
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static boolean inside(HttpUser user) {
        Response inbox = user.get("/");
        return inbox.status() == 200;
    }

    @Test
    void collaboratorGivesTheRightCodeAndArrives() {
        setting.change(null, "collaborators");
        TestUser collaborator = directory.collaborator();
        HttpUser user = afterPassword(collaborator);

        Response inbox = user.get("/");
        assertThat(inbox.status()).isEqualTo(302);
        assertThat(inbox.location()).startsWith("/connexion/verification?");
        String page = user.get("/connexion/verification").body();
        assertThat(page).contains("Votre mot de passe est correct").contains("Recevoir un code par e-mail");
        assertThat(page).doesNotContain("Utiliser ma clé d&#39;accès").doesNotContain("data-events");

        String code = sendCode(user, collaborator);
        assertThat(user.get("/connexion/verification?envoye").body())
                .contains("Nous avons envoyé un code à 6 chiffres à " + collaborator.email());
        Response checked = typeCode(user, code);
        assertThat(checked.status()).isEqualTo(302);
        assertThat(checked.location()).isEqualTo("/");
        assertThat(inside(user)).isTrue();
        HttpUser stranger = new HttpUser(port);
        Response withoutPassword = stranger.postForm(
                "/connexion/code/verifier", Map.of("code", code, "_csrf", HttpUser.csrfToken(stranger.get("/login"))));
        assertThat(withoutPassword.location())
                .as("without a password first, a code is nothing")
                .endsWith("/login");
        assertThat(stranger.get("/").location()).endsWith("/login");
    }

    @Test
    void aWrongCodeCountsATryAndTheSixthTryIsRefusedEvenWithTheRightCode() {
        setting.change(null, "collaborators");
        TestUser collaborator = directory.collaborator();
        HttpUser user = afterPassword(collaborator);
        String code = sendCode(user, collaborator);

        Response wrong = typeCode(user, otherThan(code));
        assertThat(wrong.location()).isEqualTo("/connexion/verification?erreur");
        assertThat(user.get(wrong.location()).body()).contains("Ce code n&#39;est pas le bon. Il vous reste 4 essais.");
        assertThat(typeCode(user, "12a456").location())
                .as("not 6 digits: refused without costing a try")
                .isEqualTo("/connexion/verification?erreur");
        assertThat(user.get("/connexion/verification?erreur").body()).contains("Il vous reste 4 essais.");
        for (int i = 0; i < 4; i++) {
            typeCode(user, otherThan(code));
        }
        Response sixth = typeCode(user, code);
        assertThat(sixth.location()).isEqualTo("/connexion/verification?erreur");
        assertThat(user.get(sixth.location()).body()).contains("Trop d&#39;essais avec ce code.");
        assertThat(inside(user)).isFalse();

        int mails = mailsTo(collaborator).size();
        Response again = user.postForm("/connexion/code", Map.of("_csrf", csrf(user)));
        assertThat(again.location())
                .as("no new code, hence no new guesses, while the used-up one runs")
                .isEqualTo("/connexion/verification?erreur");
        assertThat(mailsTo(collaborator)).hasSize(mails);
    }

    @Test
    void anExpiredCodeIsRefusedAndANewOneWorks() {
        setting.change(null, "administrators");
        TestUser admin = directory.admin();
        HttpUser user = afterPassword(admin);
        String code = sendCode(user, admin);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Response late = typeCode(user, code);
        assertThat(late.location()).isEqualTo("/connexion/verification?erreur");
        assertThat(user.get(late.location()).body()).contains("Ce code a expiré.");
        assertThat(inside(user)).isFalse();

        String fresh = sendCode(user, admin);
        assertThat(typeCode(user, fresh).location()).isEqualTo("/");
        assertThat(user.get("/admin").status()).isEqualTo(200);
    }

    @Test
    void aCodeWorksOnlyInTheSessionOfItsOwnPassword() {
        setting.change(null, "everyone");
        TestUser victim = directory.collaborator();
        TestUser attacker = directory.collaborator();
        HttpUser victimSession = afterPassword(victim);
        String victimCode = sendCode(victimSession, victim);

        HttpUser attackerSession = afterPassword(attacker);
        sendCode(attackerSession, attacker);
        assertThat(typeCode(attackerSession, victimCode).location()).isEqualTo("/connexion/verification?erreur");
        assertThat(inside(attackerSession)).isFalse();
        assertThat(typeCode(victimSession, victimCode).location()).isEqualTo("/");
    }

    @Test
    void theRuleDecidesForEachKindOfPerson() {
        var company = directory.company();
        TestUser client = directory.client(company);
        TestUser collaborator = directory.collaborator();
        TestUser admin = directory.admin();
        Map<String, List<Boolean>> askedOf = Map.of(
                "none", List.of(false, false, false),
                "administrators", List.of(false, false, true),
                "collaborators", List.of(false, true, true),
                "everyone", List.of(true, true, true));
        askedOf.forEach((rule, expected) -> {
            setting.change(null, rule);
            List<Boolean> asked = List.of(client, collaborator, admin).stream()
                    .map(person -> !inside(afterPassword(person)))
                    .toList();
            assertThat(asked)
                    .as("client, collaborator, administrator under %s", rule)
                    .isEqualTo(expected);
        });
    }

    @Test
    void aSessionStartedBeforeTheRuleChangedIsAskedAtItsNextRequest() {
        TestUser collaborator = directory.collaborator();
        HttpUser user = afterPassword(collaborator);
        assertThat(inside(user)).isTrue();
        setting.change(null, "collaborators");
        assertThat(user.get("/profil").location()).startsWith("/connexion/verification?");
    }

    @Test
    void creatingATokenNeedsTheSecondStepAndATokenIsNeverAskedForIt() {
        setting.change(null, "collaborators");
        TestUser collaborator = directory.collaborator();
        HttpUser user = afterPassword(collaborator);
        String csrf = csrf(user);
        Response refused = user.postForm(
                "/profil/jetons", Map.of("name", "script", "scope", "read", "validityDays", "30", "_csrf", csrf));
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).startsWith("/connexion/verification?");
        assertThat(tokensOf(collaborator)).isZero();
        Response sessionApi = user.json("GET", "/api/v1/me", null);
        assertThat(sessionApi.status()).as("the API with a half-done session").isEqualTo(403);
        assertThat(sessionApi.header("Content-Type")).startsWith("application/problem+json");

        assertThat(typeCode(user, sendCode(user, collaborator)).location()).isEqualTo("/");
        Response created = user.postForm(
                "/profil/jetons",
                Map.of(
                        "name",
                        "script",
                        "scope",
                        "read",
                        "validityDays",
                        "30",
                        "_csrf",
                        HttpUser.csrfToken(user.get("/profil"))));
        assertThat(created.status()).isEqualTo(200);
        assertThat(tokensOf(collaborator)).isEqualTo(1);
        Matcher value = Pattern.compile("value=\"(msg_[^\"]+)\"").matcher(created.body());
        assertThat(value.find()).isTrue();

        setting.change(null, "everyone");
        Response byToken =
                new HttpUser(port).json("GET", "/api/v1/me", null, "Authorization", "Bearer " + value.group(1));
        assertThat(byToken.status()).isEqualTo(200);
        assertThat(byToken.body()).contains(collaborator.email());
    }

    private long tokensOf(TestUser person) {
        return jdbc.sql("select count(*) from access_token where person_id = ?")
                .param(person.id())
                .query(Long.class)
                .single();
    }

    @Test
    void anAdministratorChangesTheRuleOnTheFirmPageAndItIsAudited() {
        TestUser admin = directory.admin();
        HttpUser user = afterPassword(admin);
        String page = user.get("/admin/cabinet").body();
        assertThat(page)
                .contains("Connexion en deux étapes")
                .contains("data-testid=\"second-factor-none\" checked=\"checked\"");

        Response unknown = user.postForm(
                "/admin/cabinet/connexion",
                Map.of("secondFactor", "clients", "_csrf", HttpUser.csrfToken(user.get("/admin/cabinet"))));
        assertThat(unknown.status()).isEqualTo(302);
        assertThat(user.get("/admin/cabinet").body()).contains("Choisissez qui doit confirmer sa connexion.");
        assertThat(setting.current().value()).isEqualTo("none");

        Response saved = user.postForm(
                "/admin/cabinet/connexion",
                Map.of("secondFactor", "administrators", "_csrf", HttpUser.csrfToken(user.get("/admin/cabinet"))));
        assertThat(saved.location()).isEqualTo("/admin/cabinet#second-factor");
        assertThat(setting.current().value()).isEqualTo("administrators");
        assertThat(jdbc.sql("""
                        select details from audit_entry
                         where actor_id = ? and action = 'SECOND_FACTOR_RULE_CHANGED' order by id desc limit 1
                        """).param(admin.id()).query(String.class).single()).isEqualTo("none → administrators");
        assertThat(user.get("/admin/cabinet").location())
                .as("the rule now applies to the administrator who chose it")
                .startsWith("/connexion/verification?");
    }
}
