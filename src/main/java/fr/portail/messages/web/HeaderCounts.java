package fr.portail.messages.web;

import fr.portail.messages.directory.Viewer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The header's badges for one request, as the layout reads them ({@code ${header.badge('notifications')}}). They are
 * counted when the page first shows one, that is after the controller ran (a page that marks something read shows the
 * badge without it), all in one SQL statement without a transaction around it.
 */
@Component
public class HeaderCounts {

    private final Map<String, HeaderCount> counts = new LinkedHashMap<>();
    private final JdbcClient jdbc;

    HeaderCounts(List<HeaderCount> counts, JdbcClient jdbc) {
        counts.forEach(count -> this.counts.put(count.name(), count));
        this.jdbc = jdbc;
    }

    /** The badges of this person's pages. */
    public Header of(Viewer viewer) {
        return new Header(viewer);
    }

    /** One badge: the count and its label ("99+" when capped). Live events refresh it (js/live.js). */
    public record Badge(int count, String label) {}

    /** The badges of one page, counted together once. */
    public final class Header {

        private final Viewer viewer;
        private final Map<String, Integer> given = new HashMap<>();
        private Map<String, Badge> shown;

        private Header(Viewer viewer) {
            this.viewer = viewer;
        }

        /**
         * A count this request's own statement already made, exactly as the count's {@link HeaderCount#query} would
         * (the inbox's first page counts the unread badge with the page): it is left out of the header's statement.
         */
        public void given(String name, int count) {
            if (!counts.containsKey(name)) {
                throw new IllegalArgumentException("No header count named " + name);
            }
            if (shown != null) {
                throw new IllegalStateException("The header's badges were already counted");
            }
            given.put(name, count);
        }

        /** The badge of that name; unknown names are a bug of the template. */
        public Badge badge(String name) {
            if (!counts.containsKey(name)) {
                throw new IllegalArgumentException("No header count named " + name);
            }
            if (shown == null) {
                shown = countAll(viewer, given);
            }
            return shown.get(name);
        }
    }

    private Map<String, Badge> countAll(Viewer viewer, Map<String, Integer> given) {
        Map<String, Badge> badges = new HashMap<>();
        given.forEach((name, value) ->
                badges.put(name, new Badge(value, label(value, counts.get(name).cap()))));
        List<HeaderCount> all = counts.values().stream()
                .filter(count -> !given.containsKey(count.name()))
                .toList();
        if (all.isEmpty()) {
            return badges;
        }
        StringBuilder select = new StringBuilder("select ");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("viewer", viewer.id());
        for (int i = 0; i < all.size(); i++) {
            HeaderCount.Query query = all.get(i).query(viewer);
            select.append(i == 0 ? "" : ", ")
                    .append(query.sql())
                    .append(" as count")
                    .append(i);
            query.parameters().forEach((parameter, value) -> {
                Object before = parameters.putIfAbsent(parameter, value);
                if (before != null && !Objects.equals(before, value)) {
                    throw new IllegalStateException("Two header counts bind :" + parameter + " differently");
                }
            });
        }
        return jdbc.sql(select.toString()).params(parameters).query(rs -> {
            rs.next();
            for (int i = 0; i < all.size(); i++) {
                int value = rs.getInt(i + 1);
                badges.put(
                        all.get(i).name(),
                        new Badge(value, label(value, all.get(i).cap())));
            }
            return badges;
        });
    }

    /** The count, or "99+" style when it reached {@code cap}: the module stops counting there. */
    static String label(int count, int cap) {
        return count >= cap ? (cap - 1) + "+" : Integer.toString(count);
    }
}
