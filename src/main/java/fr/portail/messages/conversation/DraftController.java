package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The editors' drafts: {@code PUT /drafts} while the person types (debounced by the page), {@code GET /drafts} when a
 * page opens. Without {@code conversation}, the draft of "+ Créer".
 */
@RestController
class DraftController {

    private final Drafts drafts;

    DraftController(Drafts drafts) {
        this.drafts = drafts;
    }

    @GetMapping("/drafts")
    ResponseEntity<Drafts.Draft> find(Viewer viewer, @RequestParam(required = false) UUID conversation) {
        return drafts.find(viewer, conversation)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PutMapping("/drafts")
    ResponseEntity<Void> save(
            Viewer viewer,
            @RequestParam(required = false) UUID conversation,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String html) {
        drafts.save(viewer, conversation, subject, html);
        return ResponseEntity.noContent().build();
    }
}
