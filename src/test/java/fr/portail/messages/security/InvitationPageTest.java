package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.directory.DirectoryFile;
import fr.portail.messages.directory.DirectoryFile.PersonEntry;
import fr.portail.messages.directory.ImportResult;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class InvitationPageTest {

    private static final String PASSWORD = "amber meadow violin 7";

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void choosingAPasswordSignsInAndLeadsHome() {
        Invited invited = invite();
        HttpUser browser = new HttpUser(port);

        Response form = browser.get(invited.path());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains(invited.email()).contains("name=\"passwordConfirmation\"");

        Response answer = submit(browser, invited.path(), form, PASSWORD, PASSWORD);

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).isEqualTo("/");
        assertThat(browser.get("/entreprises").status()).isEqualTo(200);
        assertThat(new HttpUser(port).signIn(invited.email(), PASSWORD).location())
                .isEqualTo("/");
    }

    @Test
    void invitationWorksOnlyOnce() {
        Invited invited = invite();
        HttpUser first = new HttpUser(port);
        Response form = first.get(invited.path());
        submit(first, invited.path(), form, PASSWORD, PASSWORD);

        HttpUser second = new HttpUser(port);
        Response again = second.get(invited.path());

        assertThat(again.status()).isEqualTo(404);
        assertThat(submit(
                                second,
                                invited.path(),
                                second.get("/login"),
                                "another passphrase 99",
                                "another passphrase 99")
                        .status())
                .isEqualTo(404);
        assertThat(new HttpUser(port)
                        .signIn(invited.email(), "another passphrase 99")
                        .location())
                .isEqualTo("/login?error");
    }

    @Test
    void expiredInvitationIsNotFound() {
        Invited invited = invite();
        jdbc.sql("update invitation set expires_at = now() - interval '1 second' where person_id = ?")
                .param(invited.personId())
                .update();

        HttpUser browser = new HttpUser(port);
        assertThat(browser.get(invited.path()).status()).isEqualTo(404);
        assertThat(submit(browser, invited.path(), browser.get("/login"), PASSWORD, PASSWORD)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void unknownInvitationIsNotFound() {
        assertThat(new HttpUser(port).get("/invitations/not-a-real-token").status())
                .isEqualTo(404);
    }

    @Test
    void weakPasswordIsExplainedNextToTheFieldAndTheInvitationStillWorks() {
        Invited invited = invite();
        HttpUser browser = new HttpUser(port);

        Response refused = submit(browser, invited.path(), browser.get(invited.path()), "too short", "different");

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .contains("Le mot de passe doit contenir au moins 12 caractères.")
                .contains("Les deux mots de passe ne sont pas identiques.")
                .contains("is-invalid");
        assertThat(browser.get("/entreprises").location()).isEqualTo("/login");

        Response accepted = submit(browser, invited.path(), refused, PASSWORD, PASSWORD);
        assertThat(accepted.location()).isEqualTo("/");
    }

    @Test
    void newInvitationReplacesTheOlderOne() {
        Invited invited = invite();
        Invited reissued = reinvite(invited);

        HttpUser browser = new HttpUser(port);
        assertThat(browser.get(invited.path()).status()).isEqualTo(404);
        assertThat(browser.get(reissued.path()).status()).isEqualTo(200);
    }

    @Autowired
    fr.portail.messages.directory.InvitationService invitations;

    private Invited reinvite(Invited invited) {
        String url = invitations.issue(invited.personId(), null).url();
        return new Invited(invited.personId(), invited.email(), pathOf(url));
    }

    /** Posts the invitation form of {@code path} with the CSRF token of a page the browser has open. */
    private Response submit(HttpUser browser, String path, Response page, String password, String confirmation) {
        return browser.postForm(
                path,
                Map.of("password", password, "passwordConfirmation", confirmation, "_csrf", HttpUser.csrfToken(page)));
    }

    private Invited invite() {
        String email = TestDirectory.uniqueEmail("invited");
        ImportResult result = directory.importFile(new DirectoryFile(
                List.of(), List.of(new PersonEntry(email, "Camille Invitée", "COLLABORATOR", false, null, null))));
        Invited invited = new Invited(
                result.users().get(0).id(),
                email,
                pathOf(result.invitations().get(0).url()));
        return invited;
    }

    private static String pathOf(String url) {
        return url.replaceFirst("^https?://[^/]+", "");
    }

    private record Invited(java.util.UUID personId, String email, String path) {}
}
