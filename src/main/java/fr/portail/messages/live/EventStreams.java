package fr.portail.messages.live;

import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.directory.PersonDeactivated;
import fr.portail.messages.directory.Viewer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.boot.thread.Threading;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams open on this instance, by person, and the decision of who receives an event: the access rules of
 * the moment, decided in one statement for everyone connected ({@link ConversationAccess#whoMayAccess}). An idle
 * stream holds no thread (asynchronous request). The listener and the scheduler only decide and queue: the writes
 * happen on writer threads, streams in parallel, one write per stream and event ({@link LiveStream}).
 */
@Component
class EventStreams implements SmartLifecycle {

    /** A stream ends after this long; the browser reconnects at once, and the reconnection checks the session again. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

    /** Writer threads on Java 17 (no virtual threads): writes to loopback or a proxy take microseconds. */
    private static final int PLATFORM_WRITERS = 8;

    private static final String CONNECTED = ":connected\nretry:2000\n\n";
    private static final String HEARTBEAT = ":heartbeat\n\n";

    private final Map<UUID, Set<LiveStream>> byPerson = new ConcurrentHashMap<>();
    private final ConversationAccess access;
    private final LiveEventLog eventLog;
    private final JdbcClient jdbc;
    private final boolean virtualThreads;

    /** Made at each start and shut down at each stop: a stopped application can be started again (tests do). */
    private volatile Executor writers;

    private volatile boolean running;

    EventStreams(ConversationAccess access, LiveEventLog eventLog, JdbcClient jdbc, Environment environment) {
        this.access = access;
        this.eventLog = eventLog;
        this.jdbc = jdbc;
        this.virtualThreads = Threading.VIRTUAL.isActive(environment);
        this.writers = newWriters();
    }

    private Executor newWriters() {
        return virtualThreads ? new VirtualThreadTaskExecutor("live-write-") : platformWriters();
    }

    private static ExecutorService platformWriters() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(PLATFORM_WRITERS, task -> {
            Thread thread = new Thread(task, "live-write-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens a stream for the viewer, first replaying what it missed after {@code lastEventId} when given. Its writes
     * wait for {@link LiveStream#start()}.
     */
    LiveStream open(Viewer viewer, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        LiveStream stream = new LiveStream(viewer.id(), emitter, writers, this::forget);
        byPerson.computeIfAbsent(viewer.id(), id -> ConcurrentHashMap.newKeySet())
                .add(stream);
        emitter.onCompletion(() -> forget(stream));
        emitter.onTimeout(stream::end);
        emitter.onError(error -> forget(stream));
        // The first bytes open the stream in the browser (and tell it how soon to reconnect).
        stream.send(CONNECTED);
        if (lastEventId != null) {
            replay(viewer, stream, lastEventId);
        }
        return stream;
    }

    @Override
    public void start() {
        if (writers instanceof ExecutorService service && service.isShutdown()) {
            writers = newWriters();
        }
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown begins (a later phase stops first), which would
     * otherwise wait for them; browsers reconnect to another instance.
     */
    @Override
    public void stop() {
        running = false;
        byPerson.values()
                .forEach(streams -> streams.forEach(stream -> stream.emitter().complete()));
        byPerson.clear();
        if (writers instanceof ExecutorService service) {
            service.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    int openStreams() {
        return byPerson.values().stream().mapToInt(Set::size).sum();
    }

    /** Queues the event for every stream of this instance whose person may access its conversation now. */
    void dispatch(LiveEvent event) {
        Set<UUID> connected = Set.copyOf(byPerson.keySet());
        if (connected.isEmpty()) {
            return;
        }
        Set<UUID> allowed = access.whoMayAccess(event.conversationId(), connected);
        if (allowed.isEmpty()) {
            return;
        }
        Set<UUID> participants = event.kind() == LiveEvent.Kind.MESSAGE ? participants(event, allowed) : Set.of();
        for (UUID person : allowed) {
            String text = text(event, person, participants.contains(person));
            byPerson.getOrDefault(person, Set.of()).forEach(stream -> stream.send(text));
        }
    }

    private void replay(Viewer viewer, LiveStream stream, long lastEventId) {
        List<LiveEvent> missed = eventLog.since(lastEventId);
        Map<UUID, Boolean> accessible = missed.stream()
                .map(LiveEvent::conversationId)
                .distinct()
                .collect(Collectors.toMap(
                        id -> id,
                        id -> !access.whoMayAccess(id, Set.of(viewer.id())).isEmpty()));
        StringBuilder text = new StringBuilder();
        for (LiveEvent event : missed) {
            if (accessible.get(event.conversationId())) {
                text.append(text(event, viewer.id(), !viewer.id().equals(event.personId())));
            }
        }
        if (!text.isEmpty()) {
            stream.send(text.toString());
        }
    }

    /**
     * What one person receives, in the Server-Sent Events format: a new message gives {@code message} and
     * {@code inbox}, plus {@code notification} to its participants but the author; a read gives {@code inbox} to the
     * reader and {@code read} to the others.
     */
    static String text(LiveEvent event, UUID person, boolean notified) {
        String conversation = "{\"conversationId\": \"" + event.conversationId() + "\"}";
        if (event.kind() == LiveEvent.Kind.READ) {
            return event(event.id(), person.equals(event.personId()) ? "inbox" : "read", conversation);
        }
        String message = event(
                event.id(),
                "message",
                "{\"conversationId\": \"" + event.conversationId() + "\", \"messageId\": \"" + event.messageId()
                        + "\"}");
        String inbox = event(event.id(), "inbox", conversation);
        if (notified && !person.equals(event.personId())) {
            return message + inbox + event(event.id(), "notification", conversation);
        }
        return message + inbox;
    }

    private static String event(long id, String name, String data) {
        return "id:" + id + "\nevent:" + name + "\ndata:" + data + "\n\n";
    }

    private Set<UUID> participants(LiveEvent event, Collection<UUID> people) {
        return Set.copyOf(jdbc.sql("select person_id from participant where conversation_id = :c and person_id in (:p)")
                .param("c", event.conversationId())
                .param("p", Set.copyOf(people))
                .query(UUID.class)
                .list());
    }

    /** A comment every 25 s keeps proxies and load balancers from closing an idle stream. */
    @Scheduled(fixedRate = 25_000, initialDelay = 25_000)
    void heartbeat() {
        byPerson.values().forEach(streams -> streams.forEach(stream -> stream.send(HEARTBEAT)));
    }

    /** A deactivated person's streams end at once on this instance; elsewhere they receive nothing more. */
    @EventListener
    void on(PersonDeactivated event) {
        Set<LiveStream> streams = byPerson.remove(event.personId());
        if (streams != null) {
            streams.forEach(LiveStream::end);
        }
    }

    private void forget(LiveStream stream) {
        byPerson.computeIfPresent(stream.person(), (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }
}
