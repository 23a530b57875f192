package fr.portail.messages.notification;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.web.BackgroundRequest;
import fr.portail.messages.web.FormerPaths;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

/** The notification list, the bell refreshed by live events, "Tout marquer comme lu", and muting a conversation. */
@Controller
class NotificationController {

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String list(Viewer viewer, Model model) {
        model.addAttribute("groups", notifications.recent(viewer));
        return "notifications";
    }

    /** The bell alone, which the page fetches again when a live event says its count changed. */
    @GetMapping("/notifications/cloche")
    @BackgroundRequest
    String bell() {
        return "fragments/bell :: bell";
    }

    @PostMapping("/notifications/tout-lu")
    String markAllRead(Viewer viewer) {
        notifications.markAllRead(viewer);
        return "redirect:/notifications";
    }

    /** The mute toggle of a conversation page, which the page loads with htmx. */
    @GetMapping("/conversations/{id}/suivi")
    String muteToggle(Viewer viewer, @PathVariable UUID id, Model model) {
        model.addAttribute("conversationId", id);
        model.addAttribute("muted", notifications.muteShown(viewer, id));
        return "fragments/mute :: toggle";
    }

    /** "Ne plus suivre" ({@code muted=true}) and "Suivre à nouveau" ({@code muted=false}). */
    @PostMapping("/conversations/{id}/suivi")
    String mute(Viewer viewer, @PathVariable UUID id, @RequestParam boolean muted) {
        notifications.changeMute(viewer, id, muted);
        return "redirect:/conversations/" + id;
    }

    @GetMapping("/notifications/bell")
    @BackgroundRequest
    ResponseEntity<Void> formerBellPath(HttpServletRequest request) {
        return FormerPaths.moved(request, "bell", "cloche");
    }

    @PostMapping("/notifications/read")
    ResponseEntity<Void> formerReadPath(HttpServletRequest request) {
        return FormerPaths.moved(request, "read", "tout-lu");
    }

    @RequestMapping(
            path = "/conversations/{id}/mute",
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> formerMutePath(HttpServletRequest request) {
        return FormerPaths.moved(request, "mute", "suivi");
    }
}
