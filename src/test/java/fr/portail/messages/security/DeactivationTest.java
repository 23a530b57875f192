package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestCompany;
import fr.portail.messages.support.TestDirectory.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class DeactivationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deactivatedClientsNextRequestIsAnonymous() {
        TestCompany company = directory.company();
        TestUser client = directory.client(company);
        HttpUser clientBrowser = new HttpUser(port).signedIn(client.email(), client.password());
        assertThat(clientBrowser.get("/entreprises").status()).isEqualTo(200);

        Response deactivation = administrator().jsonWithCsrf("POST", deactivatePath(client), null);

        assertThat(deactivation.status()).isEqualTo(204);
        Response next = clientBrowser.get("/entreprises");
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location()).isEqualTo("/login");
        assertThat(clientBrowser.json("GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(sessionsOf(client)).isZero();
    }

    @Test
    void deactivatedPersonCannotSignInUntilReactivated() {
        TestUser client = directory.client(directory.company());
        HttpUser admin = administrator();
        admin.jsonWithCsrf("POST", deactivatePath(client), null);

        assertThat(new HttpUser(port).signIn(client.email(), client.password()).location())
                .isEqualTo("/login?error");

        assertThat(admin.jsonWithCsrf("POST", "/api/v1/admin/users/" + client.id() + "/activate", null)
                        .status())
                .isEqualTo(204);
        assertThat(new HttpUser(port).signIn(client.email(), client.password()).location())
                .isEqualTo("/");
    }

    @Test
    void sessionEndsEvenWhenTheRecordIsChangedBehindTheApplicationsBack() {
        TestUser collaborator = directory.collaborator();
        HttpUser browser = new HttpUser(port).signedIn(collaborator.email(), collaborator.password());
        jdbc.sql("update person set active = false where id = ?")
                .param(collaborator.id())
                .update();

        assertThat(browser.get("/entreprises").location()).isEqualTo("/login");
    }

    @Test
    void onlyAdministratorsDeactivate() {
        TestUser collaborator = directory.collaborator();
        TestUser victim = directory.collaborator();
        HttpUser notAdmin = new HttpUser(port).signedIn(collaborator.email(), collaborator.password());

        Response answer = notAdmin.jsonWithCsrf("POST", deactivatePath(victim), null);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(new HttpUser(port).signIn(victim.email(), victim.password()).location())
                .isEqualTo("/");
    }

    @Test
    void deactivatingSomeoneUnknownIsNotFound() {
        Response answer = administrator()
                .jsonWithCsrf("POST", "/api/v1/admin/users/" + java.util.UUID.randomUUID() + "/deactivate", null);

        assertThat(answer.status()).isEqualTo(404);
    }

    private HttpUser administrator() {
        TestUser admin = directory.admin();
        return new HttpUser(port).signedIn(admin.email(), admin.password());
    }

    private static String deactivatePath(TestUser user) {
        return "/api/v1/admin/users/" + user.id() + "/deactivate";
    }

    private long sessionsOf(TestUser user) {
        return jdbc.sql("select count(*) from spring_session where principal_name = ?")
                .param(user.email())
                .query(Long.class)
                .single();
    }
}
