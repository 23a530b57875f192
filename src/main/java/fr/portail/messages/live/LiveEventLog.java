package fr.portail.messages.live;

import fr.portail.messages.conversation.ConversationRead;
import fr.portail.messages.conversation.MessagePosted;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Records each live event and announces it with {@code NOTIFY}, in the transaction of the change: PostgreSQL delivers
 * the notification to every instance when (and only if) that transaction commits.
 */
@Component
class LiveEventLog {

    static final String CHANNEL = "messages_live";

    /** How long events stay available to streams that reconnect with Last-Event-ID. */
    static final String REPLAY_WINDOW = "10 minutes";

    private final JdbcClient jdbc;

    LiveEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(MessagePosted event) {
        record(LiveEvent.Kind.MESSAGE, event.conversationId(), event.messageId(), event.authorId());
    }

    /** A reading that reached new messages changes "Vu par" on the others' pages; a confirmation changes nothing. */
    @EventListener
    void on(ConversationRead event) {
        if (event.newlyRead()) {
            record(LiveEvent.Kind.READ, event.conversationId(), null, event.personId());
        }
    }

    void record(LiveEvent.Kind kind, UUID conversationId, UUID messageId, UUID personId) {
        jdbc.sql("""
                        with e as (
                          insert into live_event (kind, conversation_id, message_id, person_id) values (?, ?, ?, ?)
                          returning id, kind, conversation_id, message_id, person_id)
                        select pg_notify('%s', e.id || ' ' || e.kind || ' ' || e.conversation_id || ' '
                                               || coalesce(e.message_id::text, '-') || ' ' || e.person_id)
                          from e
                        """.formatted(CHANNEL))
                .params(kind.name(), conversationId, messageId, personId)
                .query((rs, row) -> row)
                .list();
    }

    /** The events after {@code lastEventId} still in the replay window, oldest first. */
    List<LiveEvent> since(long lastEventId) {
        return jdbc.sql("""
                        select id, kind, conversation_id, message_id, person_id from live_event
                         where id > ? and created_at > now() - interval '%s'
                         order by id limit 500
                        """.formatted(REPLAY_WINDOW))
                .param(lastEventId)
                .query((rs, row) -> new LiveEvent(
                        rs.getLong("id"),
                        LiveEvent.Kind.valueOf(rs.getString("kind")),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getObject("message_id", UUID.class),
                        rs.getObject("person_id", UUID.class)))
                .list();
    }

    /** Several instances may run this at once: deleting twice is harmless. */
    @Scheduled(fixedDelayString = "5m", initialDelayString = "1m")
    void forgetOldEvents() {
        jdbc.sql("delete from live_event where created_at < now() - interval '1 hour'")
                .update();
    }
}
