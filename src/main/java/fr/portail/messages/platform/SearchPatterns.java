package fr.portail.messages.platform;

import java.util.Locale;

/** What people type in a search box, as a case-insensitive SQL {@code LIKE} pattern (used with {@code escape '\'}). */
public final class SearchPatterns {

    private SearchPatterns() {}

    /** {@code %text%} in lower case, with the pattern characters of the text escaped; blank matches everything. */
    public static String contains(String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
