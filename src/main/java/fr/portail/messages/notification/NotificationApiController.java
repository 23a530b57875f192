package fr.portail.messages.notification;

import fr.portail.messages.directory.Viewer;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notifications in JSON: the same service as the pages. */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationApiController {

    private final NotificationService notifications;

    NotificationApiController(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** The unread count (capped at 100) and the notifications grouped by conversation, newest first. */
    @GetMapping
    Notifications list(Viewer viewer) {
        return new Notifications(notifications.unreadCount(viewer), notifications.recent(viewer));
    }

    @PostMapping("/read")
    ResponseEntity<Void> markAllRead(Viewer viewer) {
        notifications.markAllRead(viewer);
        return ResponseEntity.noContent().build();
    }

    record Notifications(int unread, List<NotificationService.NotificationGroup> items) {}
}
