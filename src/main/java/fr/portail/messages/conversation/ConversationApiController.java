package fr.portail.messages.conversation;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.directory.Viewer;
import fr.portail.messages.platform.SearchPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindException;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The conversation calls of the JSON API, served by the same services and policy as the pages. */
@RestController
@RequestMapping("/api/v1")
class ConversationApiController {

    private final ConversationSearch search;
    private final InboxActions actions;
    private final ConversationCommands commands;
    private final ConversationReader reader;
    private final AttachmentService attachments;
    private final SpringValidatorAdapter validator;

    ConversationApiController(
            ConversationSearch search,
            InboxActions actions,
            ConversationCommands commands,
            ConversationReader reader,
            AttachmentService attachments,
            jakarta.validation.Validator validator) {
        this.search = search;
        this.actions = actions;
        this.commands = commands;
        this.reader = reader;
        this.attachments = attachments;
        this.validator = new SpringValidatorAdapter(validator);
    }

    /**
     * The inbox in one view ({@code todo} by default), or search results for {@code q} (in every view unless
     * {@code view} is given), each with {@code highlight} and {@code matchingMessageId}.
     */
    @GetMapping("/conversations")
    InboxPage inbox(
            Viewer viewer,
            @RequestParam(required = false) ConversationType type,
            @RequestParam(required = false) UUID companyId,
            @RequestParam(defaultValue = "false") boolean participant,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor) {
        InboxView fallback = SearchQuery.parse(q).isPresent() ? InboxView.ALL : InboxView.TODO;
        return search.search(
                viewer,
                new InboxFilter(type, companyId, participant, unread, InboxView.parse(view, fallback)),
                q,
                cursor);
    }

    @PutMapping("/conversations/{id}/done")
    ResponseEntity<Void> done(Viewer viewer, @PathVariable UUID id) {
        actions.apply(viewer, id, BulkAction.DONE);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/conversations/{id}/done")
    ResponseEntity<Void> todo(Viewer viewer, @PathVariable UUID id) {
        actions.apply(viewer, id, BulkAction.TODO);
        return ResponseEntity.noContent().build();
    }

    /** One action on several conversations: {@code {"ids": [...], "action": "DONE|TODO|READ|UNREAD"}}. */
    record SelectionRequest(List<UUID> ids, String action) {}

    /** How many of the selected conversations the action applied to (those the caller may access). */
    record SelectionResult(int count) {}

    @PostMapping("/conversations/selection")
    SelectionResult selection(Viewer viewer, @RequestBody SelectionRequest request) {
        return new SelectionResult(actions.apply(viewer, request.ids(), BulkAction.parse(request.action())));
    }

    @PostMapping(value = "/conversations", consumes = "application/json")
    ResponseEntity<ConversationView> create(Viewer viewer, @Valid @RequestBody NewConversation request) {
        UUID id = commands.create(viewer, request);
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + id)).body(reader.open(viewer, id));
    }

    /** The same creation with the files in the request itself (multipart). */
    @PostMapping(value = "/conversations", consumes = "multipart/form-data")
    ResponseEntity<ConversationView> createWithFiles(
            Viewer viewer,
            @RequestParam(required = false) ConversationType type,
            @RequestParam(required = false) UUID companyId,
            @RequestParam(required = false) List<UUID> participantIds,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String html,
            @RequestParam(required = false) List<MultipartFile> files)
            throws IOException, BindException {
        requireValid(new NewConversation(type, companyId, participantIds, subject, html));
        List<UUID> uploaded = upload(viewer, files);
        try {
            UUID id = commands.create(
                    viewer, new NewConversation(type, companyId, participantIds, subject, html, uploaded));
            return ResponseEntity.created(URI.create("/api/v1/conversations/" + id))
                    .body(reader.open(viewer, id));
        } catch (RuntimeException refused) {
            attachments.withdraw(viewer.id(), uploaded);
            throw refused;
        }
    }

    /** The constraints declared on the request record, checked before any file is stored. */
    private void requireValid(Object request) throws BindException {
        var result = new BeanPropertyBindingResult(request, "request");
        validator.validate(request, result);
        if (result.hasErrors()) {
            throw new BindException(result);
        }
    }

    /** Streams each file into the storage as a pending upload of the caller; all or nothing. */
    private List<UUID> upload(Viewer viewer, List<MultipartFile> files) throws IOException {
        List<UUID> uploaded = new ArrayList<>();
        try {
            for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
                try (InputStream content = file.getInputStream()) {
                    uploaded.add(attachments
                            .upload(
                                    viewer.id(),
                                    file.getOriginalFilename(),
                                    file.getContentType(),
                                    file.getSize(),
                                    content)
                            .id());
                }
            }
        } catch (IOException | RuntimeException failed) {
            attachments.withdraw(viewer.id(), uploaded);
            throw failed;
        }
        return uploaded;
    }

    @GetMapping("/conversations/{id}")
    ConversationView conversation(Viewer viewer, @PathVariable UUID id) {
        return reader.open(viewer, id);
    }

    /** A reply: {@code {"html": "…", "attachmentIds": [...]}}, the files uploaded beforehand. */
    record ReplyRequest(String html, List<@NotNull UUID> attachmentIds) {}

    @PostMapping(value = "/conversations/{id}/messages", consumes = "application/json")
    ResponseEntity<ConversationView.MessageView> reply(
            Viewer viewer, @PathVariable UUID id, @Valid @RequestBody ReplyRequest request) {
        UUID messageId = commands.reply(
                viewer, id, request.html(), request.attachmentIds() == null ? List.of() : request.attachmentIds());
        return replied(viewer, id, messageId);
    }

    /** A reply with its files in the request (multipart {@code html} and {@code files}). */
    @PostMapping(value = "/conversations/{id}/messages", consumes = "multipart/form-data")
    ResponseEntity<ConversationView.MessageView> replyWithFiles(
            Viewer viewer,
            @PathVariable UUID id,
            @RequestParam(required = false) String html,
            @RequestParam(required = false) List<MultipartFile> files)
            throws IOException {
        List<UUID> uploaded = upload(viewer, files);
        try {
            return replied(viewer, id, commands.reply(viewer, id, html, uploaded));
        } catch (RuntimeException refused) {
            attachments.withdraw(viewer.id(), uploaded);
            throw refused;
        }
    }

    private ResponseEntity<ConversationView.MessageView> replied(Viewer viewer, UUID id, UUID messageId) {
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + id))
                .body(reader.message(viewer, id, messageId));
    }

    /** Participants to add: {@code {"userIds": [...]}}. */
    record ParticipantsRequest(@NotNull List<@NotNull UUID> userIds) {}

    @PostMapping("/conversations/{id}/participants")
    ConversationView addParticipants(
            Viewer viewer, @PathVariable UUID id, @Valid @RequestBody ParticipantsRequest request) {
        commands.addParticipants(viewer, id, request.userIds());
        return reader.open(viewer, id);
    }

    @PostMapping("/conversations/{id}/read")
    ResponseEntity<Void> read(Viewer viewer, @PathVariable UUID id) {
        commands.markRead(viewer, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/conversations/{id}/unread")
    ResponseEntity<Void> unread(Viewer viewer, @PathVariable UUID id) {
        commands.markUnread(viewer, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/people")
    List<PersonChoice> people(
            Viewer viewer,
            @RequestParam ConversationType type,
            @RequestParam(required = false) UUID companyId,
            @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q) {
        return reader.eligiblePeople(viewer, type, companyId, q);
    }

    @GetMapping("/conversations/{id}/eligible-participants")
    List<PersonChoice> eligibleParticipants(
            Viewer viewer,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") @Size(max = SearchPatterns.MAX_LENGTH) String q) {
        return reader.eligibleNewParticipants(viewer, id, q);
    }
}
