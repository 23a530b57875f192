package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.web.HeaderCount;
import org.springframework.stereotype.Component;

/** The header's count of unread conversations, next to "Boîte de réception". */
@Component
class UnreadConversationsBadge implements HeaderCount {

    static final String NAME = "unreadConversations";

    private final InboxQueries inbox;

    UnreadConversationsBadge(InboxQueries inbox) {
        this.inbox = inbox;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Query query(Viewer viewer) {
        return new Query(
                inbox.unreadConversationsQuery(viewer.kind()),
                java.util.Map.of("favouriteScanThreshold", inbox.favouriteScanThreshold()));
    }

    @Override
    public int cap() {
        return InboxQueries.UNREAD_BADGE_DEPTH;
    }
}
