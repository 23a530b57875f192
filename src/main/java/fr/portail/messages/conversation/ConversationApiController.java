package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The conversation calls of the JSON API (SPEC §8), served by the same services and policy as the pages. */
@RestController
@RequestMapping("/api/v1")
class ConversationApiController {

    private final ConversationService conversations;

    ConversationApiController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/conversations")
    InboxPage inbox(
            Viewer viewer,
            @RequestParam(required = false) ConversationType type,
            @RequestParam(required = false) UUID companyId,
            @RequestParam(defaultValue = "false") boolean participant,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(required = false) String cursor) {
        return conversations.inbox(viewer, new InboxFilter(type, companyId, participant, unread), cursor);
    }

    @PostMapping(value = "/conversations", consumes = "application/json")
    ResponseEntity<ConversationView> create(Viewer viewer, @RequestBody NewConversation request) {
        UUID id = conversations.create(viewer, request);
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + id)).body(conversations.open(viewer, id));
    }

    @GetMapping("/conversations/{id}")
    ConversationView conversation(Viewer viewer, @PathVariable UUID id) {
        return conversations.open(viewer, id);
    }

    /** A reply: {@code {"html": "…"}}. */
    record ReplyRequest(String html) {}

    @PostMapping(value = "/conversations/{id}/messages", consumes = "application/json")
    ResponseEntity<ConversationView.MessageView> reply(
            Viewer viewer, @PathVariable UUID id, @RequestBody ReplyRequest request) {
        UUID messageId = conversations.reply(viewer, id, request.html());
        ConversationView.MessageView message = conversations.open(viewer, id).messages().stream()
                .filter(candidate -> candidate.id().equals(messageId))
                .findFirst()
                .orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + id)).body(message);
    }

    /** Participants to add: {@code {"userIds": [...]}}. */
    record ParticipantsRequest(List<UUID> userIds) {}

    @PostMapping("/conversations/{id}/participants")
    ConversationView addParticipants(Viewer viewer, @PathVariable UUID id, @RequestBody ParticipantsRequest request) {
        conversations.addParticipants(viewer, id, request.userIds());
        return conversations.open(viewer, id);
    }

    @PostMapping("/conversations/{id}/read")
    ResponseEntity<Void> read(Viewer viewer, @PathVariable UUID id) {
        conversations.markRead(viewer, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/conversations/{id}/unread")
    ResponseEntity<Void> unread(Viewer viewer, @PathVariable UUID id) {
        conversations.markUnread(viewer, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/people")
    List<PersonChoice> people(
            Viewer viewer,
            @RequestParam ConversationType type,
            @RequestParam(required = false) UUID companyId,
            @RequestParam(defaultValue = "") String q) {
        return conversations.eligiblePeople(viewer, type, companyId, q);
    }

    @GetMapping("/conversations/{id}/eligible-participants")
    List<PersonChoice> eligibleParticipants(
            Viewer viewer, @PathVariable UUID id, @RequestParam(defaultValue = "") String q) {
        return conversations.eligibleNewParticipants(viewer, id, q);
    }
}
