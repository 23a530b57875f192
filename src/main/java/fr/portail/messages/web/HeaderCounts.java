package fr.portail.messages.web;

import fr.portail.messages.directory.Viewer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The header's badges for one request, as the layout reads them ({@code ${header.badge('notifications')}}). Each count
 * is computed when the page first shows it, that is after the controller ran: a page that marks something read shows
 * the badge without it.
 */
@Component
public class HeaderCounts {

    private final Map<String, HeaderCount> counts;

    HeaderCounts(List<HeaderCount> counts) {
        this.counts = counts.stream().collect(Collectors.toMap(HeaderCount::name, Function.identity()));
    }

    /** The badges of this person's pages. */
    public Header of(Viewer viewer) {
        return new Header(viewer);
    }

    /** One badge: the count and its label ("99+" when capped). Live events refresh it (js/live.js). */
    public record Badge(int count, String label) {}

    /** The badges of one page, each counted at most once. */
    public final class Header {

        private final Viewer viewer;
        private final Map<String, Badge> shown = new HashMap<>();

        private Header(Viewer viewer) {
            this.viewer = viewer;
        }

        /** The badge of that name; unknown names are a bug of the template. */
        public Badge badge(String name) {
            return shown.computeIfAbsent(name, key -> {
                HeaderCount count = counts.get(key);
                if (count == null) {
                    throw new IllegalArgumentException("No header count named " + key);
                }
                int value = count.count(viewer);
                return new Badge(value, label(value, count.cap()));
            });
        }
    }

    /** The count, or "99+" style when it reached {@code cap}: the module stops counting there. */
    static String label(int count, int cap) {
        return count >= cap ? (cap - 1) + "+" : Integer.toString(count);
    }
}
