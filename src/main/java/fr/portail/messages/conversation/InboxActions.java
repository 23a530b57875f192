package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.InvalidInputException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's own state of conversations: read or unread, "Terminé" or "À traiter", for one conversation or for a
 * selection of the inbox at once. Nobody else sees it. Reading publishes {@link ConversationRead}, whichever way.
 */
@Service
public class InboxActions {

    /** The most conversations one bulk action takes: a few pages of the inbox. */
    public static final int MAX_SELECTION = 100;

    private final JdbcClient jdbc;
    private final ConversationAccess access;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    InboxActions(JdbcClient jdbc, ConversationAccess access, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
        this.events = events;
    }

    /** Applies the action to one conversation; "not found" when the viewer may not access it. */
    @Transactional
    public void apply(Viewer viewer, UUID conversationId, BulkAction action) {
        access.requireAccessible(viewer, conversationId);
        update(viewer, Set.of(conversationId), action);
    }

    /**
     * Applies the action to the selected conversations the viewer may access, and ignores the others (they may have
     * lost access since the page was shown). Three statements whatever the number of conversations, and for "read"
     * those of the listeners of {@link ConversationRead}, once per conversation.
     *
     * @return how many conversations it applied to
     */
    @Transactional
    public int apply(Viewer viewer, Collection<UUID> conversationIds, BulkAction action) {
        Set<UUID> selected = new LinkedHashSet<>(conversationIds == null ? List.of() : conversationIds);
        if (selected.isEmpty()) {
            throw new InvalidInputException("ids", "inbox.bulk.error.none");
        }
        if (selected.size() > MAX_SELECTION) {
            throw new InvalidInputException("ids", "inbox.bulk.error.tooMany", MAX_SELECTION);
        }
        Set<UUID> accessible = access.accessibleAmong(viewer.id(), selected);
        if (!accessible.isEmpty()) {
            update(viewer, accessible, action);
        }
        return accessible.size();
    }

    private void update(Viewer viewer, Set<UUID> conversationIds, BulkAction action) {
        String sql = switch (action) {
            case DONE -> """
                    insert into conversation_done (person_id, conversation_id, message_count, done_at)
                    select :viewer, c.id, c.message_count, :now from conversation c where c.id in (:conversations)
                    on conflict (person_id, conversation_id)
                    do update set message_count = excluded.message_count, done_at = excluded.done_at
                    """;
            case TODO ->
                "delete from conversation_done where person_id = :viewer and conversation_id in (:conversations)";
            case READ, UNREAD ->
                """
                    insert into read_state (person_id, conversation_id, read_count)
                    select :viewer, c.id, %s from conversation c where c.id in (:conversations)
                    on conflict (person_id, conversation_id) do update set read_count = excluded.read_count
                    where read_state.read_count <> excluded.read_count
                    %s
                    """.formatted(
                                action == BulkAction.READ ? "c.message_count" : "greatest(c.message_count - 1, 0)",
                                action == BulkAction.READ ? "returning conversation_id" : "");
        };
        var statement = jdbc.sql(sql).param("viewer", viewer.id()).param("conversations", conversationIds);
        if (action == BulkAction.DONE) {
            statement = statement.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        }
        if (action == BulkAction.READ) {
            Set<UUID> newlyRead = Set.copyOf(statement.query(UUID.class).list());
            conversationIds.forEach(
                    id -> events.publishEvent(new ConversationRead(id, viewer.id(), newlyRead.contains(id))));
        } else {
            statement.update();
        }
    }
}
