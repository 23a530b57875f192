package fr.portail.messages.conversation;

import fr.portail.messages.web.FragmentHtml;
import fr.portail.messages.web.RelativeTime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The HTML of inbox rows, kept for the next pages that show the same rows (docs/adr/0012-request-cost.md).
 *
 * <p>Rendering the rows was the largest part of an inbox page's cost and of its garbage. A row's text depends only on
 * its {@link InboxPage.Item} (every column the query returned for this person: subject, company, participants,
 * excerpt, unread, "Terminé", search highlight), the language, the search words in its links and the relative time it
 * shows; together they are the key. The rows themselves still come from the page's query, so access is decided by
 * each request: a kept row is only ever shown for an item that request's query returned, with exactly what rendering
 * it again would show. Rows not kept are rendered together, in one pass of {@code fragments/inbox-rows}.
 */
@Component
class InboxRowHtml {

    static final String ROWS_FRAGMENT = "fragments/inbox-rows :: rows";
    /** The comment that ends each row of the fragment (left out of the kept rows). */
    static final String ROW_END = "<!--/inbox-row-->";

    private final FragmentHtml fragments;
    private final RelativeTime times;
    private final LeastRecentlyUsed<Key, String> kept;

    InboxRowHtml(FragmentHtml fragments, RelativeTime times, @Value("${messages.inbox.kept-rows:2000}") int capacity) {
        this.fragments = fragments;
        this.times = times;
        this.kept = new LeastRecentlyUsed<>(capacity);
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
        List<Key> keys = new ArrayList<>(items.size());
        Map<Key, String> found = new HashMap<>();
        List<Key> missing = new ArrayList<>();
        for (InboxPage.Item item : items) {
            Key key = new Key(item, locale, q, times.relative(item.lastMessageAt()));
            keys.add(key);
            String html = kept.get(key);
            if (html != null) {
                found.put(key, html);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            List<String> rendered = render(missing, q, locale, request, response);
            for (int i = 0; i < missing.size(); i++) {
                found.put(missing.get(i), rendered.get(i));
                kept.put(missing.get(i), rendered.get(i));
            }
        }
        return keys.stream().map(found::get).toList();
    }

    private List<String> render(
            List<Key> missing, String q, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        Map<String, Object> model = new HashMap<>();
        model.put("items", missing.stream().map(Key::item).toList());
        model.put("q", q);
        String text = fragments.render(ROWS_FRAGMENT, model, locale, request, response);
        List<String> rows = new ArrayList<>(missing.size());
        int start = 0;
        int end;
        while ((end = text.indexOf(ROW_END, start)) >= 0) {
            rows.add(text.substring(start, end).strip());
            start = end + ROW_END.length();
        }
        if (rows.size() != missing.size()) {
            throw new IllegalStateException(
                    "The inbox rows template gave " + rows.size() + " rows for " + missing.size() + " items");
        }
        return rows;
    }
}
