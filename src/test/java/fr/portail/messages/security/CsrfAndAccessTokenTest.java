package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestCompany;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class CsrfAndAccessTokenTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sessionApiCallWithoutCsrfTokenIsRefusedAndChangesNothing() {
        TestCompany company = directory.company();
        TestUser collaborator = directory.collaborator();
        HttpUser session = new HttpUser(port).signedIn(collaborator.email(), collaborator.password());

        Response answer = session.json("PUT", "/api/v1/me/favourites/" + company.id(), null);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(favourites(collaborator)).isEmpty();
    }

    @Test
    void pageFormWithoutCsrfTokenIsRefused() {
        TestCompany company = directory.company();
        TestUser collaborator = directory.collaborator();
        HttpUser session = new HttpUser(port).signedIn(collaborator.email(), collaborator.password());

        Response answer =
                session.postForm("/entreprises/" + company.id() + "/favori", Map.of("favourite", "true", "q", ""));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(favourites(collaborator)).isEmpty();
    }

    @Test
    void pageFormWithCsrfTokenWorks() {
        TestCompany company = directory.company();
        TestUser collaborator = directory.collaborator();
        HttpUser session = new HttpUser(port).signedIn(collaborator.email(), collaborator.password());
        String token = HttpUser.csrfToken(session.get("/entreprises"));

        Response answer = session.postForm(
                "/entreprises/" + company.id() + "/favori", Map.of("favourite", "true", "q", "", "_csrf", token));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).isEqualTo("/entreprises");
        assertThat(favourites(collaborator)).containsExactly(company.id());
    }

    @Test
    void accessTokenCallNeedsNoCsrfAndNoSession() {
        TestCompany company = directory.company();
        TestUser collaborator = directory.collaborator();
        String token =
                tokens.create(directory.viewer(collaborator), "comptabilité").value();
        HttpUser script = new HttpUser(port);

        Response star =
                script.json("PUT", "/api/v1/me/favourites/" + company.id(), null, "Authorization", "Bearer " + token);
        Response me = script.json("GET", "/api/v1/me", null, "Authorization", "Bearer " + token);

        assertThat(star.status()).isEqualTo(204);
        assertThat(favourites(collaborator)).containsExactly(company.id());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains(collaborator.email());
        assertThat(script.cookie("MESSAGES_SESSION")).isEmpty();
    }

    @Test
    void lastUseOfATokenIsRecordedToTheMinute() {
        TestUser collaborator = directory.collaborator();
        var created = tokens.create(directory.viewer(collaborator), "script");
        assertThat(tokens.ownerOf(created.value()).map(AccessTokens.Bearer::personId))
                .contains(collaborator.id());
        OffsetDateTime firstUse = lastUse(created.id());
        assertThat(firstUse).isNotNull();

        assertThat(tokens.ownerOf(created.value()).map(AccessTokens.Bearer::personId))
                .contains(collaborator.id());
        assertThat(lastUse(created.id())).isEqualTo(firstUse);

        jdbc.sql("update access_token set last_used_at = last_used_at - interval '61 seconds' where id = ?")
                .param(created.id())
                .update();
        OffsetDateTime minuteBefore = lastUse(created.id());
        assertThat(tokens.ownerOf(created.value()).map(AccessTokens.Bearer::personId))
                .contains(collaborator.id());
        assertThat(lastUse(created.id())).isAfter(minuteBefore);
    }

    private OffsetDateTime lastUse(UUID tokenId) {
        return jdbc.sql("select last_used_at from access_token where id = ?")
                .param(tokenId)
                .query(OffsetDateTime.class)
                .single();
    }

    @Test
    void unknownOrRevokedAccessTokenIsUnauthorized() {
        TestUser collaborator = directory.collaborator();
        var created = tokens.create(directory.viewer(collaborator), "script");
        tokens.revoke(directory.viewer(collaborator), created.id());
        HttpUser script = new HttpUser(port);

        assertThat(script.json("GET", "/api/v1/me", null, "Authorization", "Bearer " + created.value())
                        .status())
                .isEqualTo(401);
        assertThat(script.json("GET", "/api/v1/me", null, "Authorization", "Bearer msg_" + UUID.randomUUID())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void accessTokenOfADeactivatedPersonNoLongerWorks() {
        TestUser collaborator = directory.collaborator();
        String token = tokens.create(directory.viewer(collaborator), "script").value();
        jdbc.sql("update person set active = false where id = ?")
                .param(collaborator.id())
                .update();

        Response answer = new HttpUser(port).json("GET", "/api/v1/me", null, "Authorization", "Bearer " + token);

        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void accessTokenDoesNotOpenThePages() {
        TestUser collaborator = directory.collaborator();
        String token = tokens.create(directory.viewer(collaborator), "script").value();

        Response page = new HttpUser(port).get("/entreprises", "Authorization", "Bearer " + token);

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).isEqualTo("/login");
    }

    private List<UUID> favourites(TestUser user) {
        return jdbc.sql("select company_id from favourite where person_id = ?")
                .param(user.id())
                .query(UUID.class)
                .list();
    }
}
