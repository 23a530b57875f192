package fr.portail.messages.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends requests byte for byte as a hostile client would: the body as given, headers as given, no cookies kept. */
final class RawHttp {

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    RawHttp(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /** One answer; header names in lower case. */
    record Answer(int status, Map<String, String> headers, String body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * Sends {@code method} to {@code pathAndQuery} (already percent-encoded). Header values are sent as their
     * ISO-8859-1 bytes. Answers null when the HTTP client itself refuses to send such a request.
     */
    Answer send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(60));
            headers.forEach(request::header);
        } catch (IllegalArgumentException unsendable) {
            return null;
        }
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) -> answerHeaders.put(name.toLowerCase(), String.join(", ", values)));
            return new Answer(response.statusCode(), answerHeaders, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
