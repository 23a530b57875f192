package fr.portail.messages.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.security.AccessTokens;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPEC §9: a message's sanitised HTML is at most {@code messages.max-message-size} (256 KiB by default), counted in
 * UTF-8 bytes as stored. Above it the API answers 413 in the caller's language, the pages show the reason next to the
 * editor, and nothing is stored.
 */
@IntegrationTest
class MessageSizeLimitTest {

    static final int LIMIT = 256 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
                .collaborator("alice", "dup")
                .client("paul", List.of("dup"), List.of("dup"))
                .create();
    }

    /** A paragraph of exactly {@code bytes} bytes in UTF-8, which the sanitiser keeps as it is. */
    static String paragraph(int bytes, String unit) {
        int units = (bytes - 7) / unit.getBytes(StandardCharsets.UTF_8).length;
        String html = "<p>" + unit.repeat(units)
                + "a".repeat(bytes - 7 - units * unit.getBytes(StandardCharsets.UTF_8).length) + "</p>";
        assertThat(RichText.sanitize(html).html()).isEqualTo(html);
        assertThat(html.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return html;
    }

    @Test
    void apiCreationAtTheLimitIsAcceptedAndOneByteMoreIsRefusedWith413AndNothingStored() throws Exception {
        String token = tokens.create(firm.viewer("paul"), "size").value();
        String accepted = TestDirectory.unique("À la limite");
        var atLimit = post(token, "/api/v1/conversations", creation(accepted, paragraph(LIMIT, "a")), "fr");
        assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(201);
        assertThat(conversationsNamed(accepted)).isEqualTo(1);

        long messagesBefore = messagesBy("paul");
        String refused = TestDirectory.unique("Trop long");
        var french = post(token, "/api/v1/conversations", creation(refused, paragraph(LIMIT + 1, "a")), "fr");
        assertThat(french.statusCode()).isEqualTo(413);
        assertThat(french.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var problem = JSON.readTree(french.body());
        assertThat(problem.get("detail").asString())
                .isEqualTo("Le message est trop long : 256 Ko au plus une fois mis en forme."
                        + " Raccourcissez-le ou joignez le texte en fichier.");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("html");
        var english = post(token, "/api/v1/conversations", creation(refused, paragraph(LIMIT + 1, "a")), "en");
        assertThat(english.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(english.body()).get("detail").asString())
                .startsWith("The message is too long: at most 256 KB");
        assertThat(conversationsNamed(refused)).isZero();
        assertThat(messagesBy("paul")).isEqualTo(messagesBefore);
    }

    @Test
    void theLimitCountsBytesAsStoredNotCharacters() throws Exception {
        String token = tokens.create(firm.viewer("paul"), "size").value();
        // 87,382 characters "é": fewer characters than the limit, but two bytes each.
        String html = paragraph(LIMIT + 1, "é");
        assertThat(html.length()).isLessThan(LIMIT);
        String subject = TestDirectory.unique("Accents");
        var refused = post(token, "/api/v1/conversations", creation(subject, html), "fr");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(conversationsNamed(subject)).isZero();
    }

    @Test
    void apiReplyOverTheLimitIsRefusedWith413AndNothingStored() throws Exception {
        String token = tokens.create(firm.viewer("paul"), "size").value();
        UUID conversation = created(token);
        long before = messagesIn(conversation);
        var refused = post(
                token,
                "/api/v1/conversations/" + conversation + "/messages",
                JSON.writeValueAsString(Map.of("html", paragraph(LIMIT + 1, "a"))),
                "fr");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(refused.body())
                        .get("errors")
                        .get(0)
                        .get("message")
                        .asString())
                .contains("256 Ko");
        assertThat(messagesIn(conversation)).isEqualTo(before);
        var atLimit = post(
                token,
                "/api/v1/conversations/" + conversation + "/messages",
                JSON.writeValueAsString(Map.of("html", paragraph(LIMIT, "a"))),
                "fr");
        assertThat(atLimit.statusCode()).isEqualTo(201);
        assertThat(messagesIn(conversation)).isEqualTo(before + 1);
    }

    @Test
    void pageCreationOverTheLimitShowsTheReasonNextToTheEditorAndStoresNothing() {
        HttpUser paul = new HttpUser(port).signedIn(firm.email("paul"), TestDirectory.PASSWORD);
        String csrf = HttpUser.csrfToken(paul.get("/conversations/nouvelle"));
        String subject = TestDirectory.unique("Formulaire trop long");
        var page = paul.postForm(
                "/conversations",
                Map.of(
                        "type",
                        "ENTREPRISE",
                        "companyId",
                        firm.companyId("dup").toString(),
                        "participantIds",
                        firm.id("alice").toString(),
                        "subject",
                        subject,
                        "html",
                        paragraph(LIMIT + 1, "a"),
                        "_csrf",
                        csrf));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .containsPattern("class=\"field-error\"[^>]*>Le message est trop long : 256 Ko au plus")
                .contains(subject);
        assertThat(conversationsNamed(subject)).isZero();
    }

    @Test
    void pageReplyOverTheLimitShowsTheReasonNextToTheEditorAndStoresNothing() throws Exception {
        UUID conversation = created(tokens.create(firm.viewer("paul"), "size").value());
        long before = messagesIn(conversation);
        HttpUser alice = new HttpUser(port).signedIn(firm.email("alice"), TestDirectory.PASSWORD);
        String csrf = HttpUser.csrfToken(alice.get("/conversations/" + conversation));
        var page = alice.postForm(
                "/conversations/" + conversation + "/messages",
                Map.of("html", paragraph(LIMIT + 1, "a"), "_csrf", csrf));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsPattern("data-testid=\"html-error\">\\s*<div>Le message est trop long");
        assertThat(messagesIn(conversation)).isEqualTo(before);
    }

    private UUID created(String token) throws Exception {
        var created =
                post(token, "/api/v1/conversations", creation(TestDirectory.unique("Échange"), "<p>Bonjour</p>"), "fr");
        assertThat(created.statusCode()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(created.body()).get("id").asString());
    }

    private String creation(String subject, String html) {
        return JSON.writeValueAsString(Map.of(
                "type",
                "ENTREPRISE",
                "companyId",
                firm.companyId("dup"),
                "participantIds",
                List.of(firm.id("alice")),
                "subject",
                subject,
                "html",
                html));
    }

    private HttpResponse<String> post(String token, String path, String json, String language)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Accept-Language", language)
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private long conversationsNamed(String subject) {
        return jdbc.sql("select count(*) from conversation where subject = ?")
                .param(subject)
                .query(Long.class)
                .single();
    }

    private long messagesBy(String key) {
        return jdbc.sql("select count(*) from message where author_id = ?")
                .param(firm.id(key))
                .query(Long.class)
                .single();
    }

    private long messagesIn(UUID conversation) {
        return jdbc.sql("select count(*) from message where conversation_id = ?")
                .param(conversation)
                .query(Long.class)
                .single();
    }
}
