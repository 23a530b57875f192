package fr.portail.messages.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.util.unit.DataSize;

/**
 * The HTML of the repeated pieces of a page (inbox rows, messages), kept once rendered for the next pages that show
 * them unchanged (docs/adr/0012-request-cost.md). Each piece is kept under a key that holds everything its text depends
 * on, so that a kept piece is exactly what rendering it again would give; what a page shows still comes from that
 * request's own queries. The pieces not kept are rendered together, in one pass of a fragment that ends each piece with
 * {@value #END} (data is escaped, so it never holds one).
 *
 * @param <K> the key: a record of everything a piece shows
 */
public final class KeptFragments<K> {

    /**
     * The memory of each kind of kept pieces, as its users inject it: {@code messages.kept-html}, 8 MB unless set.
     */
    public static final String MEMORY = "${messages.kept-html:8MB}";

    /** The comment that ends each piece of the fragment (left out of the kept text). */
    public static final String END = "<!--/kept-->";

    private final FragmentHtml fragments;
    private final String fragment;
    private final LeastRecentlyUsed<K, String> kept;

    /**
     * @param fragment the fragment ({@code "template :: name"}) that renders the pieces of the keys it is given
     * @param memory how much the kept pieces may take, the least recently used dropped first; counted as twice their
     *     text, for the key that holds what they show (0 keeps none)
     */
    public KeptFragments(FragmentHtml fragments, String fragment, DataSize memory) {
        this.fragments = fragments;
        this.fragment = fragment;
        this.kept = new LeastRecentlyUsed<>(memory.toBytes(), html -> 2L * html.length());
    }

    /**
     * The pieces of {@code keys}, in their order; {@code model} gives the fragment's model for the keys not kept, in
     * that order.
     */
    public List<String> html(
            List<K> keys,
            Function<List<K>, Map<String, Object>> model,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<K, String> found = new HashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            String html = kept.get(key);
            if (html != null) {
                found.put(key, html);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            List<String> rendered = split(fragments.render(fragment, model.apply(missing), locale, request, response));
            if (rendered.size() != missing.size()) {
                throw new IllegalStateException(
                        fragment + " gave " + rendered.size() + " pieces for " + missing.size() + " keys");
            }
            for (int i = 0; i < missing.size(); i++) {
                found.put(missing.get(i), rendered.get(i));
                kept.put(missing.get(i), rendered.get(i));
            }
        }
        return keys.stream().map(found::get).toList();
    }

    private static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int end;
        while ((end = text.indexOf(END, start)) >= 0) {
            pieces.add(text.substring(start, end).strip());
            start = end + END.length();
        }
        return pieces;
    }
}
