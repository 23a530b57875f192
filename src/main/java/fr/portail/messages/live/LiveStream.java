package fr.portail.messages.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open event stream and the text waiting to be written to it. Writes happen on the writers' executor, never on
 * the thread that decides who receives an event, at most one at a time per stream and in the order they were queued;
 * what queued up meanwhile leaves in one write (and one flush). A stream whose person stopped reading is ended once
 * too much is waiting for it, instead of holding memory until the container's write timeout.
 *
 * <p>Nothing is written before {@link #start()}: until the request's thread has left the filter chain, the filters
 * still read and write the response's headers (security headers, the session), and a write from another thread then
 * would race with them ({@link StreamStart}).
 */
final class LiveStream {

    /** Text as written, already in the Server-Sent Events format (and UTF-8, as SseEmitter's own lines). */
    private static final MediaType EVENT_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    /** About 200 events (the stream's first ten minutes of a busy person): beyond, the browser is not reading. */
    static final int MAX_PENDING = 200;

    private final UUID person;
    private final SseEmitter emitter;
    private final Executor writers;
    private final Consumer<LiveStream> onGone;
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean gone;

    LiveStream(UUID person, SseEmitter emitter, Executor writers, Consumer<LiveStream> onGone) {
        this.person = person;
        this.emitter = emitter;
        this.writers = writers;
        this.onGone = onGone;
    }

    UUID person() {
        return person;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** Queues events already in the stream's format (see {@link EventStreams}) and makes sure a writer sends them. */
    void send(String text) {
        if (gone) {
            return;
        }
        if (pendingCount.incrementAndGet() > MAX_PENDING) {
            end();
            return;
        }
        pending.add(text);
        if (started) {
            schedule();
        }
    }

    /** The request's thread is done with the response: what queued up meanwhile, and everything after, is written. */
    void start() {
        started = true;
        if (!pending.isEmpty()) {
            schedule();
        }
    }

    /** Ends the stream now: the browser reconnects (and its session is checked again) or has left. */
    void end() {
        gone = true;
        pending.clear();
        onGone.accept(this);
        emitter.complete();
    }

    private void schedule() {
        if (writing.compareAndSet(false, true)) {
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                writing.set(false);
            }
        }
    }

    private void drain() {
        try {
            StringBuilder text = new StringBuilder();
            for (String next = pending.poll(); next != null; next = pending.poll()) {
                pendingCount.decrementAndGet();
                text.append(next);
            }
            if (!text.isEmpty() && !gone) {
                emitter.send(Set.of(new DataWithMediaType(text.toString(), EVENT_TEXT)));
            }
        } catch (IOException | IllegalStateException closed) {
            // The browser left: the container reports it to the emitter too; nothing more is written here.
            gone = true;
            pending.clear();
            onGone.accept(this);
        } finally {
            writing.set(false);
        }
        if (!gone && !pending.isEmpty()) {
            schedule();
        }
    }
}
