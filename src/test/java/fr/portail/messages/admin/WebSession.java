package fr.portail.messages.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client for one person: real sign-in through the login form, the session cookie, and the CSRF
 * token read from the pages. Redirects are not followed, so that tests can check them.
 */
final class WebSession {

    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern INPUT_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private String csrf;

    WebSession(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static WebSession signedIn(int port, String email, String password) {
        var session = new WebSession(port);
        Page login = session.get("/login");
        Matcher token = INPUT_CSRF.matcher(login.body());
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        session.csrf = token.group(1);
        Page signedIn = session.post("/login", Map.of("username", List.of(email), "password", List.of(password)));
        if (signedIn.status() != 302 || signedIn.location().contains("/login")) {
            throw new IllegalStateException("sign-in failed for " + email + ": " + signedIn.status());
        }
        session.get("/");
        return session;
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** Posts a form with the session's CSRF token. */
    Page post(String path, Map<String, List<String>> fields) {
        StringBuilder body = new StringBuilder();
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        fields.forEach((name, values) -> values.forEach(value -> pairs.add(Map.entry(name, value))));
        if (csrf != null) {
            pairs.add(Map.entry("_csrf", csrf));
        }
        for (var pair : pairs) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pair.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pair.getValue(), StandardCharsets.UTF_8));
        }
        return followAsABrowserWould(send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
    }

    /**
     * A browser loads the page a POST redirects to at once, which consumes the flash messages meant for it; the
     * loaded page is kept for {@link #follow(Page)}.
     */
    private Page followAsABrowserWould(Page answer) {
        if (answer.status() != 302 || answer.location().isEmpty()) {
            return answer;
        }
        return answer.withNext(get(pathOf(answer.location())));
    }

    Page post(String path) {
        return post(path, Map.of());
    }

    /** Posts a multipart form: {@code files} maps a field to a file name and its content. */
    Page postMultipart(String path, Map<String, String> fields, Map<String, Map.Entry<String, String>> files) {
        String boundary = "----admin-test-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        var allFields = new java.util.LinkedHashMap<>(fields);
        allFields.put("_csrf", csrf);
        try {
            for (var field : allFields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                                + "\"\r\n\r\n" + field.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            for (var file : files.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
                                + "\"; filename=\"" + file.getValue().getKey()
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(file.getValue().getValue().getBytes(StandardCharsets.UTF_8));
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return followAsABrowserWould(send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))));
    }

    /** A JSON call of the API with the session cookie and the CSRF header, as the pages' scripts would make it. */
    Page api(String method, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", csrf)
                .method(method, HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    /** The page a redirect led to (already loaded for a POST), or loads it. */
    Page follow(Page page) {
        return page.next() != null ? page.next() : get(pathOf(page.location()));
    }

    private static String pathOf(String location) {
        return location.startsWith("http") ? URI.create(location).getRawPath() + query(location) : location;
    }

    private static String query(String location) {
        String query = URI.create(location).getRawQuery();
        return query == null ? "" : "?" + query;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.header("Accept-Language", "fr").build(), HttpResponse.BodyHandlers.ofString());
            Page page = new Page(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Location").orElse(""),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Content-Disposition").orElse(""),
                    null);
            Matcher token = META_CSRF.matcher(page.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer. */
    record Page(int status, String body, String location, String contentType, String contentDisposition, Page next) {

        Page withNext(Page loaded) {
            return new Page(status, body, location, contentType, contentDisposition, loaded);
        }

        /** The body with HTML entities of accents and quotes decoded, for comparing with readable text. */
        String text() {
            return body.replace("&#39;", "'")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">");
        }
    }
}
