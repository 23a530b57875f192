package fr.portail.messages.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A person's {@code GET /events} stream read line by line on a thread of its own, as a browser's EventSource would,
 * with the session cookie of an {@link HttpUser}.
 */
public final class EventStream implements AutoCloseable {

    /** A stream whose server never answers fails the test instead of blocking the suite. */
    private static final Duration HEADERS_WITHIN = Duration.ofSeconds(10);

    /** One event of the stream; {@code name} is "message" when the stream gives none. */
    public record Event(String id, String name, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens the stream of {@code user}; {@code lastEventId} may be null. */
    public static EventStream open(HttpUser user, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(user.baseUrl() + "/events"))
                .timeout(HEADERS_WITHIN)
                .header("Accept", "text/event-stream")
                .header(
                        "Cookie",
                        "MESSAGES_SESSION=" + user.cookie("MESSAGES_SESSION").orElseThrow());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            return new EventStream(response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The next event matching {@code wanted}, skipping others; fails after {@code timeout}. */
    public Event await(Predicate<Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no such event within " + timeout);
                }
                if (wanted.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the event matching {@code marker} and returns every event received before it. */
    public List<Event> receivedBefore(Predicate<Event> marker, Duration timeout) {
        List<Event> before = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no marker event within " + timeout + "; received " + before);
                }
                if (marker.test(event)) {
                    return before;
                }
                before.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Predicate<Event> named(String name, String dataContains) {
        return event -> event.name().equals(name) && event.data().contains(dataContains);
    }

    private void read() {
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (java.io.IOException closed) {
            // the stream ended
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (java.io.IOException ignored) {
            // already closed
        }
        reader.interrupt();
    }
}
