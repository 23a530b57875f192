package fr.portail.messages.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.portail.messages.directory.DirectoryCsv;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The edge rule and the problem contract, case by case, as a client or a person at a browser sees them. */
@IntegrationTest
class ProblemContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    private Firm firm;
    private HttpUser admin;
    private Map<String, String> session;

    @BeforeEach
    void signIn() {
        firm = directory
                .firm()
                .company("co")
                .administrator("admin", "co")
                .client("paul", List.of("co"), List.of("co"))
                .create();
        admin = new HttpUser(port).signedIn(firm.email("admin"), TestDirectory.PASSWORD);
        session = Map.of(
                "Cookie",
                "MESSAGES_SESSION=" + admin.cookie("MESSAGES_SESSION").orElseThrow(),
                "X-CSRF-TOKEN",
                HttpUser.csrfToken(admin.get("/entreprises")));
    }

    private RawHttp.Answer send(String method, String path, String contentType, byte[] body, String language) {
        var headers = new java.util.LinkedHashMap<>(session);
        headers.put("Accept", "application/json");
        headers.put("Accept-Language", language);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new RawHttp(port).send(method, path, body, headers);
    }

    private static JsonNode problem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        return problem;
    }

    @Test
    void aNulInASearchIsRefusedWithAProblemNamingTheParameterInTheCallersLanguage() {
        JsonNode english = problem(send("GET", "/api/v1/companies?q=a%00b", null, null, "en"), 400);
        assertThat(english.path("errors").get(0).path("field").asString()).isEqualTo("q");
        assertThat(english.path("errors").get(0).path("message").asString()).contains("control character");

        JsonNode french = problem(send("GET", "/api/v1/people?type=PRIVE&q=a%00b", null, null, "fr"), 400);
        assertThat(french.path("title").asString()).isEqualTo("Demande invalide");
        assertThat(french.path("errors").get(0).path("message").asString()).contains("caractère de contrôle");
    }

    @Test
    void aNulInTheSubjectOfANewConversationIsRefusedAndNothingIsStored() {
        long before =
                jdbc.sql("select count(*) from conversation").query(Long.class).single();
        String body = """
                {"type": "ENTREPRISE", "companyId": "%s", "participantIds": ["%s"], "subject": "a\\u0000b", "html": "x"}
                """.formatted(firm.companyId("co"), firm.id("paul"));

        JsonNode problem = problem(
                send("POST", "/api/v1/conversations", "application/json", body.getBytes(StandardCharsets.UTF_8), "en"),
                400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("subject");
        assertThat(jdbc.sql("select count(*) from conversation")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aBidiOverrideInASubjectIsRefusedButAllowedInAMessage() {
        String body = """
                {"type": "ENTREPRISE", "companyId": "%s", "participantIds": ["%s"], "subject": "facture\\u202Efdp.exe", "html": "ok"}
                """.formatted(firm.companyId("co"), firm.id("paul"));

        JsonNode problem = problem(
                send("POST", "/api/v1/conversations", "application/json", body.getBytes(StandardCharsets.UTF_8), "en"),
                400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("subject");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("reading direction");
    }

    @Test
    void malformedJsonInvalidUtf8WrongMethodAndWrongContentTypeAreProblems() {
        problem(send("POST", "/api/v1/conversations", "application/json", "{\"subject\": ".getBytes(), "en"), 400);
        JsonNode notUtf8 = problem(
                send(
                        "POST",
                        "/api/v1/conversations",
                        "application/json",
                        new byte[] {'{', '"', (byte) 0xFF, '"'},
                        "en"),
                400);
        assertThat(notUtf8.toString()).doesNotContain("Exception");
        var wrongMethod = send("PATCH", "/api/v1/companies", null, null, "en");
        problem(wrongMethod, 405);
        assertThat(wrongMethod.headers()).containsKey("allow");
        problem(send("POST", "/api/v1/conversations", "text/plain", "x".getBytes(), "en"), 415);
    }

    @Test
    void refusalsOfTheFirewallAndOfTheServerAreProblemsUnderTheApi() {
        problem(send("PUT", "/api/v1/me/favourites/%00", null, null, "en"), 400);
        problem(send("PUT", "/api/v1/me/favourites/%FF", null, null, "en"), 400);
        problem(send("GET", "/api/v1/companies/..%2F..%2Fetc", null, null, "en"), 400);
        problem(send("GET", "/api/v1/companies?q=" + "a".repeat(100_000), null, null, "en"), 414);
    }

    @Test
    void anonymousCallsAreProblemsAndPagesKeepTheirErrorPage() {
        var anonymous = new RawHttp(port)
                .send("GET", "/api/v1/me", null, Map.of("Accept", "application/json", "Accept-Language", "en"));
        assertThat(problem(anonymous, 401).path("detail").asString()).isEqualTo("Authentication required.");

        var page = new RawHttp(port)
                .send(
                        "GET",
                        "/entreprises?q=a%00b",
                        null,
                        Map.of("Cookie", session.get("Cookie"), "Accept", "text/html"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("data-testid=\"error-400\"").contains("caractère de contrôle");
    }

    @Test
    void aNulInTheSubjectOfTheFormIsShownNextToTheFieldAndNothingIsStored() {
        long before =
                jdbc.sql("select count(*) from conversation").query(Long.class).single();
        String csrf = HttpUser.csrfToken(admin.get("/conversations/nouvelle"));
        String form = "_csrf=" + csrf + "&type=ENTREPRISE&companyId=" + firm.companyId("co") + "&participantIds="
                + firm.id("paul") + "&subject=a%00b&html=hello";
        var answer = new RawHttp(port)
                .send(
                        "POST",
                        "/conversations",
                        form.getBytes(StandardCharsets.US_ASCII),
                        Map.of("Cookie", session.get("Cookie"), "Content-Type", "application/x-www-form-urlencoded"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("id=\"subject-error\"").contains("caractère de contrôle");
        assertThat(jdbc.sql("select count(*) from conversation")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void theOpenApiDescriptionHasNoViewerAndListsTheProblemsOfEveryOperation() {
        JsonNode docs = JSON.readTree(admin.get("/v3/api-docs").body());

        assertThat(docs.toString()).doesNotContain("\"name\":\"viewer\"");
        for (var path : ApiOperations.fields(docs.path("paths"))) {
            for (var operation : ApiOperations.fields(path.getValue())) {
                JsonNode responses = operation.getValue().path("responses");
                assertThat(responses.has("401") && responses.has("500"))
                        .as(operation.getKey() + " " + path.getKey())
                        .isTrue();
                assertThat(responses.path("500").path("content").has("application/problem+json"))
                        .isTrue();
            }
        }
    }

    @Test
    void aControlCharacterInAnImportedCsvFileNamesItsLineAndColumn() {
        assertThatThrownBy(() -> DirectoryCsv.parse("externalId,name\nDUP-001,Dupont\nMAR-002,Mar\u0000tin\n", null))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> {
                    var problem = invalid.problems().get(0);
                    assertThat(problem.field()).isEqualTo("companiesFile");
                    assertThat(problem.messageKey()).isEqualTo("import.error.text");
                    assertThat(problem.arguments()).startsWith(3, "name");
                });
    }
}
