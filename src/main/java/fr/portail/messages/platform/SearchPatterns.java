package fr.portail.messages.platform;

import java.util.Locale;

/** What people type in a search box, as a case-insensitive SQL {@code LIKE} pattern (used with {@code escape '\'}). */
public final class SearchPatterns {

    /** The longest text a search box takes, declared on every search parameter ({@code @Size}). */
    public static final int MAX_LENGTH = 200;

    private SearchPatterns() {}

    /** {@code %text%} in lower case, with the pattern characters of the text escaped; blank matches everything. */
    public static String contains(String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
