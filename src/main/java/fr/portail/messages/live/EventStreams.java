package fr.portail.messages.live;

import fr.portail.messages.conversation.ConversationAccess;
import fr.portail.messages.directory.PersonDeactivated;
import fr.portail.messages.directory.Viewer;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams open on this instance, by person, and the decision of who receives an event: the access rules of
 * the moment, decided in one statement for everyone connected ({@link ConversationAccess#whoMayAccess}). An idle
 * stream holds no thread (asynchronous request); heartbeats and events are written by the listener and scheduler
 * threads.
 */
@Component
class EventStreams implements SmartLifecycle {

    /** A stream ends after this long; the browser reconnects at once, and the reconnection checks the session again. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

    private final Map<UUID, Set<SseEmitter>> byPerson = new ConcurrentHashMap<>();
    private final ConversationAccess access;
    private final LiveEventLog eventLog;
    private final JdbcClient jdbc;
    private volatile boolean running;

    EventStreams(ConversationAccess access, LiveEventLog eventLog, JdbcClient jdbc) {
        this.access = access;
        this.eventLog = eventLog;
        this.jdbc = jdbc;
    }

    /** Opens a stream for the viewer, first replaying what it missed after {@code lastEventId} when given. */
    SseEmitter open(Viewer viewer, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        Set<SseEmitter> own = byPerson.computeIfAbsent(viewer.id(), id -> ConcurrentHashMap.newKeySet());
        own.add(emitter);
        Runnable remove = () -> forget(viewer.id(), emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(() -> {
            remove.run();
            emitter.complete();
        });
        emitter.onError(error -> remove.run());
        // The first bytes open the stream in the browser (and tell it how soon to reconnect).
        send(viewer.id(), emitter, SseEmitter.event().comment("connected").reconnectTime(2_000));
        if (lastEventId != null) {
            replay(viewer, emitter, lastEventId);
        }
        return emitter;
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown begins (a later phase stops first), which would
     * otherwise wait for them; browsers reconnect to another instance.
     */
    @Override
    public void stop() {
        running = false;
        byPerson.values().forEach(emitters -> emitters.forEach(SseEmitter::complete));
        byPerson.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    int openStreams() {
        return byPerson.values().stream().mapToInt(Set::size).sum();
    }

    /** Sends the event to every stream of this instance whose person may access its conversation now. */
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
            List<SseEmitter.SseEventBuilder> events = events(event, person, participants.contains(person));
            for (SseEmitter emitter : byPerson.getOrDefault(person, Set.of())) {
                events.forEach(e -> send(person, emitter, e));
            }
        }
    }

    private void replay(Viewer viewer, SseEmitter emitter, long lastEventId) {
        List<LiveEvent> missed = eventLog.since(lastEventId);
        Map<UUID, Boolean> accessible = missed.stream()
                .map(LiveEvent::conversationId)
                .distinct()
                .collect(Collectors.toMap(
                        id -> id,
                        id -> !access.whoMayAccess(id, Set.of(viewer.id())).isEmpty()));
        for (LiveEvent event : missed) {
            if (accessible.get(event.conversationId())) {
                events(event, viewer.id(), !viewer.id().equals(event.personId()))
                        .forEach(e -> send(viewer.id(), emitter, e));
            }
        }
    }

    /**
     * What one person receives: a new message gives {@code message} and {@code inbox}, plus {@code notification} to
     * its participants but the author; a read gives {@code inbox} to the reader and {@code read} to the others.
     */
    private static List<SseEmitter.SseEventBuilder> events(LiveEvent event, UUID person, boolean notified) {
        String id = Long.toString(event.id());
        String conversation = "{\"conversationId\": \"" + event.conversationId() + "\"}";
        if (event.kind() == LiveEvent.Kind.READ) {
            return List.of(SseEmitter.event()
                    .id(id)
                    .name(person.equals(event.personId()) ? "inbox" : "read")
                    .data(conversation, MediaType.APPLICATION_JSON));
        }
        var message = SseEmitter.event()
                .id(id)
                .name("message")
                .data(
                        "{\"conversationId\": \"" + event.conversationId() + "\", \"messageId\": \"" + event.messageId()
                                + "\"}",
                        MediaType.APPLICATION_JSON);
        var inbox = SseEmitter.event().id(id).name("inbox").data(conversation, MediaType.APPLICATION_JSON);
        if (notified && !person.equals(event.personId())) {
            return List.of(
                    message,
                    inbox,
                    SseEmitter.event().id(id).name("notification").data(conversation, MediaType.APPLICATION_JSON));
        }
        return List.of(message, inbox);
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
        byPerson.forEach((person, emitters) -> emitters.forEach(
                emitter -> send(person, emitter, SseEmitter.event().comment("heartbeat"))));
    }

    /** A deactivated person's streams end at once on this instance; elsewhere they receive nothing more. */
    @EventListener
    void on(PersonDeactivated event) {
        Set<SseEmitter> emitters = byPerson.remove(event.personId());
        if (emitters != null) {
            emitters.forEach(SseEmitter::complete);
        }
    }

    private void send(UUID person, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            forget(person, emitter);
        }
    }

    private void forget(UUID person, SseEmitter emitter) {
        byPerson.computeIfPresent(person, (id, emitters) -> {
            emitters.remove(emitter);
            return emitters.isEmpty() ? null : emitters;
        });
    }
}
