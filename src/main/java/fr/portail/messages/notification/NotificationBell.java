package fr.portail.messages.notification;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.web.HeaderCount;
import org.springframework.stereotype.Component;

/** The bell of the header: unread notifications, refreshed while the page stays open. */
@Component
class NotificationBell implements HeaderCount {

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public Query query(Viewer viewer) {
        return new Query(NotificationService.UNREAD_COUNT, java.util.Map.of());
    }

    @Override
    public int cap() {
        return NotificationService.UNREAD_COUNT_CAP;
    }
}
