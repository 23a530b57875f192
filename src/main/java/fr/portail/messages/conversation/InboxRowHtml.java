package fr.portail.messages.conversation;

import fr.portail.messages.web.FragmentHtml;
import fr.portail.messages.web.KeptFragments;
import fr.portail.messages.web.RelativeTime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The HTML of inbox rows, kept for the next pages that show the same rows (docs/adr/0012-request-cost.md).
 *
 * <p>A row's text depends only on its {@link InboxPage.Item} (every column the query returned for this person:
 * subject, company, participants, excerpt, unread, "Terminé", search highlight), the language, the search words in its
 * links and the relative time it shows; together they are the key. The rows themselves still come from the page's
 * query, so access is decided by each request.
 */
@Component
class InboxRowHtml {

    private final KeptFragments<Key> rows;
    private final RelativeTime times;

    InboxRowHtml(FragmentHtml fragments, RelativeTime times, @Value(KeptFragments.MEMORY) DataSize memory) {
        this.rows = new KeptFragments<>(fragments, "fragments/inbox-rows :: rows", memory);
        this.times = times;
    }

    /** What a row's text depends on. */
    record Key(InboxPage.Item item, Locale locale, String q, String relativeTime) {}

    /** The rows' HTML, in the order of {@code items}. */
    List<String> html(
            List<InboxPage.Item> items,
            String q,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        List<Key> keys = items.stream()
                .map(item -> new Key(item, locale, q, times.relative(item.lastMessageAt())))
                .toList();
        return rows.html(
                keys,
                missing -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("items", missing.stream().map(Key::item).toList());
                    model.put("q", q);
                    return model;
                },
                locale,
                request,
                response);
    }
}
