package fr.portail.messages.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at a browser without JavaScript: real HTTP against the running server, cookies kept between requests,
 * redirects NOT followed (tests look at them). Signing in goes through the login page and its CSRF token.
 */
public class HttpUser {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_INPUT =
            Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    public HttpUser(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Opens the login page and posts the form with its CSRF token; the answer is the redirect of Spring Security. */
    public Response signIn(String email, String password) {
        String token = csrfToken(get("/login"));
        return postForm("/login", Map.of("username", email, "password", password, "_csrf", token));
    }

    /** Signs in and checks that it worked. */
    public HttpUser signedIn(String email, String password) {
        Response answer = signIn(email, password);
        if (answer.status() != 302 || !answer.location().equals("/")) {
            throw new AssertionError("sign-in of " + email + " failed: " + answer.status() + " → " + answer.location());
        }
        return this;
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Response postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON call ({@code body} may be null); headers are name, value pairs. */
    public Response json(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = request(path, headers).header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A JSON call from the signed-in browser session, with the CSRF token of a page, as the app's scripts do. */
    public Response jsonWithCsrf(String method, String path, String body) {
        String token = csrfToken(get("/entreprises"));
        return json(method, path, body, "X-CSRF-TOKEN", token);
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    public void addCookie(String name, String value) {
        var cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(baseUrl), cookie);
    }

    /** The CSRF token a page exposes, from its {@code <meta name="_csrf">} or a hidden {@code _csrf} input. */
    public static String csrfToken(Response page) {
        Matcher meta = CSRF_META.matcher(page.body());
        if (meta.find()) {
            return meta.group(1);
        }
        Matcher input = CSRF_INPUT.matcher(page.body());
        if (input.find()) {
            return input.group(1);
        }
        throw new AssertionError("no CSRF token on the page (" + page.status() + "):\n" + page.body());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(", ", values)));
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One answer; header names in lower case. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The redirect target as a path of this server (scheme, host and port removed). */
        public String location() {
            String location = header("location");
            if (location == null) {
                return "";
            }
            return location.replaceFirst("^https?://[^/]+", "");
        }
    }
}
