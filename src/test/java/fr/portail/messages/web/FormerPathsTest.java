package fr.portail.messages.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.HttpUser.Response;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Renamed page paths: the former English address answers a 308 to the French one, method and query kept. */
@IntegrationTest
class FormerPathsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Test
    void formerEnglishPagePathsRedirectToTheirFrenchNamesKeepingTheMethod() {
        TestUser user = directory.collaborator();
        HttpUser browser = new HttpUser(port).signedIn(user.email(), user.password());
        String token = HttpUser.csrfToken(browser.get("/entreprises"));
        UUID id = UUID.randomUUID();
        Map<String, String> moves = Map.of(
                "/conversations/" + id + "/done",
                "/conversations/" + id + "/termine",
                "/conversations/" + id + "/todo",
                "/conversations/" + id + "/a-traiter",
                "/conversations/" + id + "/unread",
                "/conversations/" + id + "/non-lu",
                "/conversations/" + id + "/mute",
                "/conversations/" + id + "/suivi",
                "/notifications/read",
                "/notifications/tout-lu",
                "/language",
                "/langue",
                "/profil/tokens/" + id + "/revoke",
                "/profil/jetons/" + id + "/revoquer");
        moves.forEach((former, current) -> {
            Response answer = browser.postForm(former, Map.of("_csrf", token));
            assertThat(answer.status()).as(former).isEqualTo(308);
            assertThat(answer.location()).as(former).isEqualTo(current);
        });
        Response bell = browser.get("/notifications/bell");
        assertThat(bell.status()).isEqualTo(308);
        assertThat(bell.location()).isEqualTo("/notifications/cloche");
        Response draft = browser.get("/drafts?conversation=" + id);
        assertThat(draft.status()).isEqualTo(308);
        assertThat(draft.location()).isEqualTo("/brouillons?conversation=" + id);
    }
}
