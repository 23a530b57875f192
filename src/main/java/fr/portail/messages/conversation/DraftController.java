package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.web.FormerPaths;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The editors' drafts: {@code PUT /brouillons} while the person types (debounced by the page), {@code GET /brouillons} when a
 * page opens. Without {@code conversation}, the draft of "+ Créer".
 */
@RestController
class DraftController {

    private final Drafts drafts;

    DraftController(Drafts drafts) {
        this.drafts = drafts;
    }

    @GetMapping("/brouillons")
    ResponseEntity<Drafts.Draft> find(Viewer viewer, @RequestParam(required = false) UUID conversation) {
        return drafts.find(viewer, conversation)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PutMapping("/brouillons")
    ResponseEntity<Void> save(
            Viewer viewer,
            @RequestParam(required = false) UUID conversation,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String html) {
        drafts.save(viewer, conversation, subject, html);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(
            path = "/drafts",
            method = {RequestMethod.GET, RequestMethod.PUT})
    ResponseEntity<Void> formerPath(HttpServletRequest request) {
        return FormerPaths.moved(request, "drafts", "brouillons");
    }
}
