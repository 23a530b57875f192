package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.ApiClient;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The conversation calls of the JSON API, over real HTTP with personal access tokens. */
@IntegrationTest
class ConversationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory testDirectory;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    Firm firm;

    @BeforeEach
    void firm() {
        firm = testDirectory
                .firm()
                .company("dup")
                .company("gar")
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .client("marie", List.of("dup"), List.of())
                .client("sophie", List.of("gar"), List.of("gar"))
                .create();
    }

    private ApiClient as(String key) {
        return new ApiClient(port, tokens.create(firm.viewer(key), "api test").value());
    }

    private String createJson(String type, String company, List<String> participants, String subject, String html) {
        List<String> ids = new ArrayList<>();
        participants.forEach(p -> ids.add("\"" + firm.id(p) + "\""));
        return """
                {"type": %s, "companyId": %s, "participantIds": [%s], "subject": %s, "html": %s}
                """.formatted(
                        type == null ? "null" : "\"" + type + "\"",
                        company == null ? "null" : "\"" + firm.companyId(company) + "\"",
                        String.join(",", ids),
                        subject == null ? "null" : "\"" + subject + "\"",
                        html == null ? "null" : "\"" + html + "\"");
    }

    @Test
    void createsAConversationAndAnswersItsLocation() {
        var created = as("paul")
                .post(
                        "/api/v1/conversations",
                        createJson(
                                "ENTREPRISE", "dup", List.of("alice"), "Facture", "<p>Hello <script>x</script></p>"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(body.get("type").asString()).isEqualTo("ENTREPRISE");
        assertThat(body.get("messages").get(0).get("html").asString()).isEqualTo("<p>Hello </p>");
        assertThat(created.location()).isEqualTo("/api/v1/conversations/" + id);
        var read = as("alice").get(created.location());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asString()).isEqualTo(id);
        assertThat(read.json().get("subject").asString()).isEqualTo("Facture");
        assertThat(read.json().get("participants")).hasSize(2);
    }

    @Test
    void invalidCreationListsEveryFieldAndStoresNothing() {
        long before = conversationsBy("paul");
        var refused =
                as("paul").post("/api/v1/conversations", createJson("ENTREPRISE", null, List.of(), "  ", "<p></p>"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        refused.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("companyId", "participantIds", "subject", "html");
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .isNotBlank();
        assertThat(conversationsBy("paul")).isEqualTo(before);
    }

    @Test
    void clientCannotCreateOnAnotherCompanyNorDesignateAnotherCompanysClient() {
        var otherCompany = as("paul")
                .post("/api/v1/conversations", createJson("ENTREPRISE", "gar", List.of("alice"), "S", "<p>x</p>"));
        assertThat(otherCompany.status()).isEqualTo(400);
        assertThat(otherCompany.body()).contains("companyId");
        var otherClient =
                as("paul").post("/api/v1/conversations", createJson("PRIVE", null, List.of("sophie"), "S", "<p>x</p>"));
        assertThat(otherClient.status()).isEqualTo(400);
        assertThat(otherClient.body()).contains("participantIds");
    }

    @Test
    void peoplePickerNeverRevealsAnotherCompanysPeopleToAClient() {
        JsonNode own = as("paul")
                .get("/api/v1/people?type=ENTREPRISE&q=" + firm.suffix() + "&companyId=" + firm.companyId("dup"))
                .json();
        List<String> names = new ArrayList<>();
        own.forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).contains(firm.name("alice"), firm.name("marie")).doesNotContain(firm.name("sophie"));
        JsonNode other = as("paul")
                .get("/api/v1/people?type=ENTREPRISE&q=" + firm.suffix() + "&companyId=" + firm.companyId("gar"))
                .json();
        assertThat(other).isEmpty();
        JsonNode privateOnes =
                as("paul").get("/api/v1/people?type=PRIVE&q=" + firm.suffix()).json();
        List<String> privateNames = new ArrayList<>();
        privateOnes.forEach(p -> privateNames.add(p.get("name").asString()));
        assertThat(privateNames).contains(firm.name("marie")).doesNotContain(firm.name("sophie"));
    }

    @Test
    void missingAndForbiddenConversationsAnswerTheSame404() {
        String id = as("alice")
                .post("/api/v1/conversations", createJson("CONFIDENTIEL", "dup", List.of("paul"), "S", "<p>x</p>"))
                .json()
                .get("id")
                .asString();
        var forbidden = as("marie").get("/api/v1/conversations/" + id);
        var missing = as("marie").get("/api/v1/conversations/00000000-0000-0000-0000-000000000000");
        assertThat(forbidden.status()).isEqualTo(404).isEqualTo(missing.status());
        assertThat(forbidden.body().replace(id, "ID"))
                .isEqualTo(missing.body().replace("00000000-0000-0000-0000-000000000000", "ID"));
        assertThat(as("marie")
                        .post("/api/v1/conversations/" + id + "/messages", "{\"html\": \"<p>x</p>\"}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void replyAndUnreadStateFollowTheCaller() {
        String id = as("alice")
                .post("/api/v1/conversations", createJson("ENTREPRISE", "dup", List.of("paul"), "S", "<p>x</p>"))
                .json()
                .get("id")
                .asString();
        ApiClient paul = as("paul");
        assertThat(unread(paul, id)).isTrue();
        assertThat(paul.post("/api/v1/conversations/" + id + "/read", "").status())
                .isEqualTo(204);
        assertThat(unread(paul, id)).isFalse();
        var reply = paul.post("/api/v1/conversations/" + id + "/messages", "{\"html\": \"<p><em>Merci</em></p>\"}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("html").asString()).isEqualTo("<p><em>Merci</em></p>");
        // A message has no URL of its own: the reply points at its conversation, where it is the last message.
        assertThat(reply.location()).isEqualTo("/api/v1/conversations/" + id);
        ApiClient alice = as("alice");
        assertThat(unread(alice, id)).isTrue();
        assertThat(alice.post("/api/v1/conversations/" + id + "/read", "").status())
                .isEqualTo(204);
        assertThat(alice.post("/api/v1/conversations/" + id + "/unread", "").status())
                .isEqualTo(204);
        assertThat(unread(alice, id)).isTrue();
    }

    @Test
    void anonymousCallGets401Problem() {
        var anonymous = new ApiClient(port, null).get("/api/v1/conversations");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(new ApiClient(port, "msg_not-a-token").get("/api/v1/me").status())
                .isEqualTo(401);
    }

    private boolean unread(ApiClient client, String id) {
        for (JsonNode item : client.get("/api/v1/conversations").json().get("items")) {
            if (item.get("id").asString().equals(id)) {
                return item.get("unread").asBoolean();
            }
        }
        throw new AssertionError("conversation not listed");
    }

    private long conversationsBy(String key) {
        return jdbc.sql("select count(*) from conversation where created_by = ?")
                .param(firm.id(key))
                .query(Long.class)
                .single();
    }
}
