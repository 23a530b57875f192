package fr.portail.messages.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one element of a server-rendered page by its {@code data-testid}, so that an assertion looks at that element
 * and not at the whole page (where "checked" or "3" may appear anywhere).
 */
public final class Html {

    private Html() {}

    /** The opening tag of the element with this test id; fails when there is none. */
    public static String tag(String html, String testId) {
        return matcher(html, testId).group(1);
    }

    /** The text directly inside the element with this test id (up to its first child), trimmed. */
    public static String text(String html, String testId) {
        return matcher(html, testId).group(2).strip();
    }

    /** Whether the element with this test id carries the boolean attribute {@code name} (checked, disabled…). */
    public static boolean hasAttribute(String html, String testId, String name) {
        return Pattern.compile("\\s" + Pattern.quote(name) + "(\\s|=|/?>)")
                .matcher(tag(html, testId))
                .find();
    }

    private static Matcher matcher(String html, String testId) {
        Matcher matcher = Pattern.compile("(<\\w+[^>]*\\sdata-testid=\"" + Pattern.quote(testId) + "\"[^>]*>)([^<]*)")
                .matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no element with data-testid=\"" + testId + "\" in the page");
        }
        return matcher;
    }
}
