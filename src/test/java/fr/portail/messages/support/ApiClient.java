package fr.portail.messages.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the JSON API over real HTTP with a personal access token, as an integration would. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    public ApiClient(int port, String token) {
        this.baseUrl = "http://localhost:" + port;
        this.token = token;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    /** Sends a multipart/form-data body streamed from {@code parts}, never held in memory. */
    public Response multipart(String method, String path, java.util.List<Part> parts) {
        String boundary = "----messages-test-" + java.util.UUID.randomUUID();
        java.util.List<java.util.function.Supplier<java.io.InputStream>> streams = new java.util.ArrayList<>();
        for (Part part : parts) {
            String header = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"")
                    + "\r\n" + (part.contentType() == null ? "" : "Content-Type: " + part.contentType() + "\r\n")
                    + "\r\n";
            streams.add(
                    () -> new java.io.ByteArrayInputStream(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            streams.add(part.content());
            streams.add(
                    () -> new java.io.ByteArrayInputStream("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        streams.add(() -> new java.io.ByteArrayInputStream(
                ("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(
                        method,
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.SequenceInputStream(java.util.Collections.enumeration(streams.stream()
                                        .map(java.util.function.Supplier::get)
                                        .toList())))));
    }

    /** One part of a multipart body; {@code filename} null for a plain field. */
    public record Part(
            String name,
            String filename,
            String contentType,
            java.util.function.Supplier<java.io.InputStream> content) {
        public static Part field(String name, String value) {
            return new Part(
                    name,
                    null,
                    null,
                    () -> new java.io.ByteArrayInputStream(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        public static Part file(String name, String filename, String contentType, byte[] bytes) {
            return new Part(name, filename, contentType, () -> new java.io.ByteArrayInputStream(bytes));
        }
    }

    /**
     * Sends {@code content} as the whole body, named by a {@code Content-Disposition} header; with its length declared
     * when {@code length} is not negative, chunked otherwise.
     */
    public Response body(
            String path,
            String contentDisposition,
            String contentType,
            long length,
            java.util.function.Supplier<java.io.InputStream> content) {
        var publisher = HttpRequest.BodyPublishers.ofInputStream(content);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .header("Content-Disposition", contentDisposition)
                .POST(length < 0 ? publisher : HttpRequest.BodyPublishers.fromPublisher(publisher, length)));
    }

    /** Downloads to bytes, with extra headers (for example {@code Range}). */
    public BinaryResponse download(String path, String... headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new BinaryResponse(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A downloaded body with its headers. */
    public record BinaryResponse(int status, byte[] body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            request.header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer of the API, with its headers. */
    public record Response(int status, String body, String contentType, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The {@code Location} header, or null. */
        public String location() {
            return header("Location");
        }
    }
}
