package fr.portail.messages.notification;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.web.HeaderCount;
import org.springframework.stereotype.Component;

/** The bell of the header: unread notifications, refreshed while the page stays open. */
@Component
class NotificationBell implements HeaderCount {

    private final NotificationService notifications;

    NotificationBell(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public int count(Viewer viewer) {
        return notifications.unreadCount(viewer);
    }

    @Override
    public int cap() {
        return NotificationService.UNREAD_COUNT_CAP;
    }
}
