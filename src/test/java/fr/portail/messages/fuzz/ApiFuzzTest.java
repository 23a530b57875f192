package fr.portail.messages.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.fuzz.ApiOperations.Body;
import fr.portail.messages.fuzz.ApiOperations.Operation;
import fr.portail.messages.fuzz.ApiOperations.Parameter;
import fr.portail.messages.fuzz.RawHttp.Answer;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends hostile values to every operation of the OpenAPI description — every text parameter and every text field of
 * every request body, one at a time — plus requests with a broken envelope (no credentials, wrong method, malformed
 * JSON, wrong content type, unacceptable answer type). A new endpoint is covered as soon as it is described.
 *
 * <p>For each answer: never a 5xx; under {@code /api/} every refusal is an RFC 9457 problem; no stack trace or SQL in
 * the body; and a refused request stored nothing (row counts and storage files before and after).
 */
@IntegrationTest
class ApiFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|org\\.postgresql|SQL state|ERROR: |syntax error at",
            Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Value("${messages.data-dir}")
    Path dataDir;

    private Firm firm;
    private Map<String, String> session;
    private Map<String, List<String>> ids;
    private StoredState stored;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private int sent;
    private int unsendable;

    @BeforeEach
    void firm() {
        firm = directory
                .firm()
                .company("co")
                .administrator("admin", "co")
                .client("paul", List.of("co"), List.of("co"))
                .create();
        HttpUser admin = new HttpUser(port).signedIn(firm.email("admin"), TestDirectory.PASSWORD);
        String csrf = HttpUser.csrfToken(admin.get("/entreprises"));
        session = Map.of(
                "Cookie", "MESSAGES_SESSION=" + admin.cookie("MESSAGES_SESSION").orElseThrow(), "X-CSRF-TOKEN", csrf);
        var created = admin.json(
                "POST",
                "/api/v1/conversations",
                """
                {"type": "ENTREPRISE", "companyId": "%s", "participantIds": ["%s"], "subject": "Fuzz", "html": "<p>x</p>"}
                """.formatted(firm.companyId("co"), firm.id("paul")),
                "X-CSRF-TOKEN",
                csrf);
        assertThat(created.status()).isEqualTo(201);
        String conversationId = JSON.readTree(created.body()).path("id").asString();
        ids = Map.of(
                "id", List.of(conversationId),
                "conversationId", List.of(conversationId),
                "companyId", List.of(firm.companyId("co").toString()),
                "personId", List.of(firm.id("paul").toString()),
                "userId", List.of(firm.id("paul").toString()),
                "participantIds", List.of(firm.id("paul").toString()),
                "userIds", List.of(firm.id("paul").toString()));
        stored = new StoredState(jdbc, dataDir.resolve("attachments"));
    }

    @Test
    void noHostileValueGetsAServerErrorOrIsStoredAndEveryApiRefusalIsAProblem() {
        String docs = new HttpUser(port)
                .signedIn(firm.email("admin"), TestDirectory.PASSWORD)
                .get("/v3/api-docs")
                .body();
        ApiOperations api = ApiOperations.read(JSON.readTree(docs));
        RequestBodies bodies = new RequestBodies(api, name -> ids.getOrDefault(name, List.of()));
        assertThat(api.operations()).hasSizeGreaterThan(10);

        for (Operation operation : api.operations()) {
            fuzzParameters(operation, bodies);
            for (Body body : operation.bodies()) {
                for (String target : bodies.targets(body)) {
                    for (HostileValue value : HostileValue.ALL) {
                        send(
                                operation,
                                null,
                                null,
                                body,
                                bodies.write(body, target, value),
                                session,
                                target + "=" + value);
                    }
                }
            }
            probeEnvelope(operation, bodies);
        }

        System.out.printf(
                "API fuzz: %d requests to %d operations (%d the HTTP client could not send); answers by status: %s%n",
                sent, api.operations().size(), unsendable, statuses);
        assertThat(failures).as("%d of %d requests", failures.size(), sent).isEmpty();
    }

    private void fuzzParameters(Operation operation, RequestBodies bodies) {
        Body body = operation.bodies().isEmpty() ? null : operation.bodies().get(0);
        boolean anyTarget = false;
        for (Parameter parameter : operation.parameters()) {
            if (!isText(parameter, bodies)) {
                continue;
            }
            anyTarget = true;
            for (HostileValue value : HostileValue.ALL) {
                byte[] content = body == null ? null : bodies.write(body, null, null);
                send(operation, parameter, value, body, content, session, parameter.name() + "=" + value);
            }
        }
        if (!anyTarget && operation.bodies().isEmpty()) {
            send(operation, null, null, null, null, session, "baseline");
        }
    }

    /** Requests broken outside their values: each must be refused with a problem, never a 5xx. */
    private void probeEnvelope(Operation operation, RequestBodies bodies) {
        Body body = operation.bodies().isEmpty() ? null : operation.bodies().get(0);
        byte[] content = body == null ? null : bodies.write(body, null, null);
        send(operation, null, null, body, content, Map.of(), "no credentials");
        if (!operation.method().equals("PATCH")) {
            send(operation.withMethod("PATCH"), null, null, null, null, session, "method not allowed");
        }
        if (operation.method().equals("GET")) {
            send(operation, null, null, null, null, with(session, "Accept", "image/x-fuzz"), "not acceptable");
        }
        for (Body each : operation.bodies()) {
            if (RequestBodies.isJson(each)) {
                send(
                        operation,
                        null,
                        null,
                        each,
                        "{\"subject\": ".getBytes(StandardCharsets.UTF_8),
                        session,
                        "malformed JSON");
                send(operation, null, null, each, new byte[] {'{', (byte) 0xFF, '}'}, session, "JSON not UTF-8");
                send(
                        operation,
                        null,
                        null,
                        each,
                        "[1, 2]".getBytes(StandardCharsets.UTF_8),
                        session,
                        "JSON of another shape");
                send(
                        operation,
                        null,
                        null,
                        new Body("text/x-fuzz", each.schema()),
                        bodies.write(each, null, null),
                        session,
                        "unsupported content type");
            }
            if (RequestBodies.isMultipart(each)) {
                send(
                        operation,
                        null,
                        null,
                        each,
                        "--nope\r\n".getBytes(StandardCharsets.US_ASCII),
                        session,
                        "broken multipart");
            }
        }
    }

    private static boolean isText(Parameter parameter, RequestBodies bodies) {
        if (parameter.in().equals("cookie")) {
            return false;
        }
        String type = parameter.schema().path("type").asString("");
        return type.equals("string")
                || (type.equals("array")
                        && parameter
                                .schema()
                                .path("items")
                                .path("type")
                                .asString("")
                                .equals("string"));
    }

    private void send(
            Operation operation,
            Parameter fuzzed,
            HostileValue value,
            Body body,
            byte[] content,
            Map<String, String> credentials,
            String what) {
        String path = operation.path();
        List<String> query = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>(credentials);
        headers.putIfAbsent("Accept", "application/json");
        headers.put("Accept-Language", sent % 2 == 0 ? "en" : "fr");
        if (body != null) {
            headers.put("Content-Type", RequestBodies.contentType(body));
        }
        for (Parameter parameter : operation.parameters()) {
            boolean isFuzzed = parameter.equals(fuzzed);
            String text;
            if (isFuzzed) {
                if (value.isNull()) {
                    if (parameter.in().equals("path")) {
                        return;
                    }
                    continue;
                }
                text = null;
            } else if (parameter.required() || parameter.in().equals("path") || ids.containsKey(parameter.name())) {
                text = baseline(parameter);
            } else {
                continue;
            }
            switch (parameter.in()) {
                case "path" ->
                    path = path.replace("{" + parameter.name() + "}", isFuzzed ? value.percentEncoded() : text);
                case "query" -> query.add(parameter.name() + "=" + (isFuzzed ? value.percentEncoded() : text));
                case "header" ->
                    headers.put(
                            parameter.name(), isFuzzed ? new String(value.bytes(), StandardCharsets.ISO_8859_1) : text);
                default -> {}
            }
        }
        String url = query.isEmpty() ? path : path + "?" + String.join("&", query);
        boolean changes = !operation.method().equals("GET");
        Map<String, Long> before = changes ? stored.snapshot(body != null) : null;
        String request = operation.method() + " " + operation.path() + " [" + what + "]";
        Answer answer;
        try {
            answer = new RawHttp(port).send(operation.method(), url, content, headers);
        } catch (java.io.UncheckedIOException broken) {
            failures.add(request + " got no answer: " + broken.getCause());
            return;
        }
        if (answer == null) {
            unsendable++;
            return;
        }
        sent++;
        statuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
        check(request, operation.path(), answer);
        if (changes && answer.status() >= 400) {
            Map<String, Long> after = stored.snapshot(body != null);
            if (!Objects.equals(before, after)) {
                failures.add(request + " was refused (" + answer.status() + ") but stored something: " + before + " → "
                        + after);
            }
        }
    }

    private String baseline(Parameter parameter) {
        String type = parameter.schema().path("type").asString("");
        if (type.equals("boolean")) {
            return String.valueOf(parameter.name().equals("dryRun"));
        }
        if (parameter.schema().path("enum").isArray()) {
            return parameter.schema().path("enum").get(0).asString();
        }
        List<String> known = ids.getOrDefault(parameter.name(), List.of());
        return known.isEmpty() ? "1" : known.get(0);
    }

    private void check(String request, String path, Answer answer) {
        if (answer.status() >= 500) {
            failures.add(request + " answered " + answer.status() + ": " + head(answer.body()));
        }
        if (LEAK.matcher(answer.body()).find()) {
            failures.add(request + " leaked internals (" + answer.status() + "): " + head(answer.body()));
        }
        if (path.startsWith("/api/") && answer.status() >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                failures.add(request + " answered " + answer.status() + " as " + answer.contentType() + ": "
                        + head(answer.body()));
                return;
            }
            try {
                JsonNode problem = JSON.readTree(answer.body());
                if (problem.path("status").asInt() != answer.status()
                        || problem.path("title").asString("").isBlank()
                        || problem.path("detail").asString("").isBlank()) {
                    failures.add(request + " answered an incomplete problem: " + head(answer.body()));
                }
            } catch (RuntimeException notJson) {
                failures.add(request + " answered a problem that is not JSON: " + head(answer.body()));
            }
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static String head(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
