package fr.portail.messages.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.fuzz.RawHttp.Answer;
import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.Firm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The second pass of the fuzz test: the forms of the pages, found by following the links of the inbox and of the
 * administration as a signed-in administrator, each field in turn given the same hostile values as the API. A new
 * page linked from these is covered without touching the test. For each answer: never a 5xx, no stack trace or SQL,
 * and nothing stored when the form was refused.
 */
@IntegrationTest
class PageFormFuzzTest {

    private static final Pattern LINK = Pattern.compile("href=\"(/[^\"#?]*)\"");
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern FIELD =
            Pattern.compile("<(input|textarea|select)\\b([^>]*)>(.*?(?=</textarea>))?", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("<option\\b[^>]*value=\"([^\"]+)\"");
    private static final Pattern LEAK =
            Pattern.compile("Exception|org\\.postgresql|SQL state|ERROR: |syntax error at", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_FOLLOWED = Set.of("/logout", "/langue");

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Value("${messages.data-dir}")
    Path dataDir;

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();

    /** A form of a page: where it goes, how, and its fields with the values the page gave them. */
    record Form(String page, String method, String action, Map<String, String> fields) {}

    @Test
    void noHostileValueInAPageFormGetsAServerErrorOrIsStored() {
        Firm firm = directory
                .firm()
                .company("co")
                .administrator("admin", "co")
                .client("paul", List.of("co"), List.of("co"))
                .create();
        HttpUser admin = new HttpUser(port).signedIn(firm.email("admin"), TestDirectory.PASSWORD);
        String cookie = "MESSAGES_SESSION=" + admin.cookie("MESSAGES_SESSION").orElseThrow();
        StoredState stored = new StoredState(jdbc, dataDir.resolve("attachments"));

        List<Form> forms = forms(admin, List.of("/", "/admin", "/profil", "/entreprises", "/conversations/nouvelle"));
        assertThat(forms).hasSizeGreaterThan(5);
        int sent = 0;
        for (Form form : forms) {
            for (String field : form.fields().keySet()) {
                if (field.equals("_csrf")) {
                    continue;
                }
                for (HostileValue value : HostileValue.ALL) {
                    Map<String, Long> before = stored.snapshot(false);
                    Answer answer = submit(cookie, form, field, value);
                    sent++;
                    statuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
                    String request = form.method() + " " + form.action() + " (form of " + form.page() + ") [" + field
                            + "=" + value + "]";
                    if (answer.status() >= 500) {
                        failures.add(request + " answered " + answer.status());
                    }
                    if (LEAK.matcher(answer.body()).find()) {
                        failures.add(request + " leaked internals (" + answer.status() + ")");
                    }
                    if (answer.status() >= 400 && !Objects.equals(before, stored.snapshot(false))) {
                        failures.add(request + " was refused (" + answer.status() + ") but stored something");
                    }
                }
            }
        }
        System.out.printf(
                "Page form fuzz: %d requests to %d forms; answers by status: %s%n", sent, forms.size(), statuses);
        assertThat(failures).as("%d of %d requests", failures.size(), sent).isEmpty();
    }

    /**
     * The forms of the pages reachable from {@code start} (same site, two links deep, one page per shape of path such
     * as {@code /admin/utilisateurs/{id}}), each form once.
     */
    private static List<Form> forms(HttpUser user, List<String> start) {
        Deque<Map.Entry<String, Integer>> pages = new ArrayDeque<>();
        start.forEach(page -> pages.add(Map.entry(page, 0)));
        Set<String> seen = new LinkedHashSet<>();
        start.forEach(page -> seen.add(shape(page)));
        Map<String, Form> forms = new LinkedHashMap<>();
        while (!pages.isEmpty() && seen.size() < 80) {
            var next = pages.poll();
            String page = next.getKey();
            var answer = user.get(page, "Accept", "text/html");
            if (answer.status() != 200 || !answer.header("content-type").startsWith("text/html")) {
                continue;
            }
            if (next.getValue() < 2) {
                Matcher link = LINK.matcher(answer.body());
                while (link.find()) {
                    String path = link.group(1);
                    if (!NOT_FOLLOWED.contains(path)
                            && !path.matches("/(css|js|webjars|vendor|attachments|api|v3|swagger-ui).*")
                            && !path.endsWith(".csv")
                            && seen.add(shape(path))) {
                        pages.add(Map.entry(path, next.getValue() + 1));
                    }
                }
            }
            Matcher form = FORM.matcher(answer.body());
            while (form.find()) {
                String method = attribute(form.group(1), "method").orElse("get").toUpperCase();
                String action = attribute(form.group(1), "action").orElse(page);
                if (NOT_FOLLOWED.contains(action) || !action.startsWith("/")) {
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher field = FIELD.matcher(form.group(2));
                while (field.find()) {
                    var name = attribute(field.group(2), "name");
                    if (name.isEmpty()
                            || attribute(field.group(2), "type").orElse("").equals("file")) {
                        continue;
                    }
                    String value = attribute(field.group(2), "value").orElse("");
                    if (field.group(1).equals("select")) {
                        Matcher option = OPTION.matcher(form.group(2).substring(field.end()));
                        value = option.find() ? option.group(1) : "";
                    }
                    fields.putIfAbsent(name.get(), value.isEmpty() ? "Fuzz baseline" : value);
                }
                forms.putIfAbsent(
                        method + " " + action.replaceAll("[0-9a-f-]{36}", "{id}") + " " + fields.keySet(),
                        new Form(page, method, action, fields));
            }
        }
        return List.copyOf(forms.values());
    }

    private static String shape(String path) {
        return path.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
    }

    private Answer submit(String cookie, Form form, String target, HostileValue value) {
        StringBuilder body = new StringBuilder();
        form.fields().forEach((name, baseline) -> {
            if (name.equals(target) && value.isNull()) {
                return;
            }
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=');
            body.append(
                    name.equals(target) ? value.percentEncoded() : URLEncoder.encode(baseline, StandardCharsets.UTF_8));
        });
        var http = new RawHttp(port);
        Map<String, String> headers = Map.of("Cookie", cookie, "Accept", "text/html", "Accept-Language", "fr");
        if (form.method().equals("GET")) {
            return http.send("GET", form.action() + "?" + body, null, headers);
        }
        Map<String, String> post = new LinkedHashMap<>(headers);
        post.put("Content-Type", "application/x-www-form-urlencoded");
        return http.send("POST", form.action(), body.toString().getBytes(StandardCharsets.US_ASCII), post);
    }

    private static java.util.Optional<String> attribute(String attributes, String name) {
        Matcher matcher = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attributes);
        return matcher.find()
                ? java.util.Optional.of(matcher.group(1).replace("&amp;", "&"))
                : java.util.Optional.empty();
    }
}
