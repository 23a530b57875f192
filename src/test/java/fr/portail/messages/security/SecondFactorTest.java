package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.firm.SecondFactorSetting;
import fr.portail.messages.platform.EmbeddedMailServer;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.SecondStepUser;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        return SecondStepUser.csrf(user);
    }

    private String sendCode(HttpUser user, TestUser person) {
        return SecondStepUser.sendCode(user, person.email(), mail);
    }

    private List<String> mailsTo(TestUser person) {
        return SecondStepUser.codeMails(mail, person.email());
    }

    private static Response typeCode(HttpUser user, String code) {
        return SecondStepUser.typeCode(user, code);
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
        Response tooSoon = user.postForm("/connexion/code", Map.of("_csrf", csrf(user)));
        assertThat(tooSoon.location()).isEqualTo("/connexion/verification?attendre");
        assertThat(user.get(tooSoon.location()).body()).contains("Un code vient de partir : attendez 30 secondes");
        assertThat(mailsTo(collaborator))
                .as("no second e-mail within 30 seconds")
                .hasSize(1);
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
        clock.advance(Duration.ofSeconds(31));
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
        assertThat(user.postForm("/webauthn/register", Map.of("_csrf", csrf)).location())
                .as("nor a passkey")
                .startsWith("/connexion/verification?");
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

    @Test
    void anAdministratorRemovesAPersonsPasskeysAndItIsAudited() {
        TestUser admin = directory.admin();
        TestUser owner = directory.collaborator();
        TestUser other = directory.collaborator();
        givePasskey(owner, "Téléphone");
        givePasskey(owner, "Ordinateur");
        givePasskey(other, "Clé USB");
        HttpUser user = afterPassword(admin);

        String page = user.get("/admin/utilisateurs/" + owner.id()).body();
        assertThat(page).contains("Supprimer ses 2 clés d’accès");
        Response removed = user.postForm(
                "/admin/utilisateurs/" + owner.id() + "/cles/supprimer",
                Map.of("_csrf", HttpUser.csrfToken(user.get("/admin/utilisateurs/" + owner.id()))));
        assertThat(removed.status()).isEqualTo(302);
        assertThat(user.get(removed.location()).body())
                .contains("2 clés d’accès de " + owner.name() + " supprimées.")
                .doesNotContain("data-testid=\"remove-passkeys\"");
        assertThat(passkeysOf(owner)).isZero();
        assertThat(passkeysOf(other)).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select details from audit_entry
                         where actor_id = ? and action = 'PASSKEYS_REMOVED' and target = ?
                        """)
                        .param(admin.id())
                        .param("person:" + owner.id())
                        .query(String.class)
                        .single())
                .isEqualTo("2 passkey(s) of " + owner.email());

        HttpUser notAdmin = afterPassword(other);
        Response refused = notAdmin.postForm(
                "/admin/utilisateurs/" + other.id() + "/cles/supprimer",
                Map.of("_csrf", HttpUser.csrfToken(notAdmin.get("/profil"))));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(passkeysOf(other)).isEqualTo(1);
    }

    @Test
    void aPersonRemovesTheirOwnPasskeyAndNobodyElses() {
        TestUser owner = directory.collaborator();
        TestUser other = directory.collaborator();
        givePasskey(owner, "Téléphone");
        givePasskey(other, "Clé USB");
        HttpUser user = afterPassword(owner);
        String page = user.get("/profil/cles").body();
        assertThat(page).contains("Téléphone").doesNotContain("Clé USB");
        String othersKey = credentialIds(other).get(0);
        String csrf = HttpUser.csrfToken(user.get("/profil/cles"));

        user.postForm("/profil/cles/" + othersKey + "/supprimer", Map.of("_csrf", csrf));
        assertThat(passkeysOf(other)).isEqualTo(1);
        Response removed =
                user.postForm("/profil/cles/" + credentialIds(owner).get(0) + "/supprimer", Map.of("_csrf", csrf));
        assertThat(removed.location()).isEqualTo("/profil/cles");
        assertThat(user.get("/profil/cles").body())
                .contains("Clé d&#39;accès supprimée.")
                .contains("Aucune clé d&#39;accès");
        assertThat(passkeysOf(owner)).isZero();
    }

    private List<String> credentialIds(TestUser person) {
        return jdbc.sql("""
                        select c.credential_id from user_credentials c join user_entities u on u.id = c.user_entity_user_id
                         where u.name = ?
                        """).param(person.email()).query(String.class).list();
    }

    /** A stored passkey as Spring Security's registration writes it (the key bytes do not matter here). */
    private void givePasskey(TestUser person, String label) {
        String userId = "u-" + person.id();
        jdbc.sql("insert into user_entities (id, name, display_name) values (?, ?, ?) on conflict do nothing")
                .params(userId, person.email(), person.email())
                .update();
        jdbc.sql("""
                        insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count,
                               uv_initialized, backup_eligible, authenticator_transports, public_key_credential_type,
                               backup_state, created, last_used, label)
                        values (?, ?, ?, 0, true, false, 'internal', 'public-key', false, now(), now(), ?)
                        """)
                .params(TestDirectory.unique("cred"), userId, new byte[] {1, 2, 3}, label)
                .update();
    }

    private long passkeysOf(TestUser person) {
        return jdbc.sql("""
                        select count(*) from user_credentials c join user_entities u on u.id = c.user_entity_user_id
                         where u.name = ?
                        """).param(person.email()).query(Long.class).single();
    }
}
