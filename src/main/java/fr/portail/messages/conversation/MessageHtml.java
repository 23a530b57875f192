package fr.portail.messages.conversation;

import fr.portail.messages.directory.Viewer;
import fr.portail.messages.web.FragmentHtml;
import fr.portail.messages.web.KeptFragments;
import fr.portail.messages.web.RelativeTime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The HTML of a conversation's messages, kept for the next pages that show them unchanged
 * (docs/adr/0012-request-cost.md). A message's text depends only on the message (its HTML, author, time and files),
 * whether the reader wrote it, whether the search marks it, who has read it, the language and the relative time it
 * shows: the key. The messages themselves still come from the page's own query, which decides access.
 */
@Component
class MessageHtml {

    private final KeptFragments<Key> messages;
    private final RelativeTime times;

    MessageHtml(FragmentHtml fragments, RelativeTime times, @Value(KeptFragments.MEMORY) DataSize memory) {
        this.messages = new KeptFragments<>(fragments, "conversation :: kept-messages", memory);
        this.times = times;
    }

    /** What a message's text depends on. */
    record Key(
            ConversationView.MessageView message,
            boolean own,
            boolean searchMatch,
            List<String> readers,
            Locale locale,
            String relativeTime) {}

    /**
     * The messages' HTML, in the conversation's order.
     *
     * @param seenBy who has read each message ("Vu par")
     * @param matches the search's marks, or {@code null} outside a search
     */
    List<String> html(
            ConversationView conversation,
            Viewer viewer,
            Map<UUID, List<String>> seenBy,
            ConversationSearch.Matches matches,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        List<Key> keys = conversation.messages().stream()
                .map(message -> new Key(
                        message,
                        message.author().id().equals(viewer.id()),
                        matches != null && matches.messageIds().contains(message.id()),
                        seenBy.get(message.id()),
                        locale,
                        times.relative(message.createdAt())))
                .toList();
        return messages.html(
                keys,
                missing -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("messages", missing.stream().map(Key::message).toList());
                    model.put("viewer", viewer);
                    model.put("seenBy", seenBy);
                    model.put("searchMatches", matches);
                    return model;
                },
                locale,
                request,
                response);
    }
}
