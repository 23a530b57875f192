package fr.portail.messages.conversation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The one place where message HTML is made safe, at write time: only what the editor's toolbar produces survives
 * (paragraphs, bold, italic, underline, strikethrough, lists, quotes, and http/https/mailto links opened in a new tab
 * without referrer). A plain-text version is derived for excerpts, notifications and search.
 */
final class RichText {

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote", "a")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .onElements("a")
            .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
            .toFactory();

    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|li|blockquote|ul|ol)>|<br\\s*/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n+");
    private static final Pattern LINK_START = Pattern.compile("(?i)<a\\s");

    private RichText() {}

    /** Safe HTML and its plain text. */
    record Sanitized(String html, String plainText) {
        boolean isEmpty() {
            return plainText.isBlank();
        }
    }

    static Sanitized sanitize(String untrusted) {
        String html = POLICY.sanitize(untrusted == null ? "" : untrusted);
        // The sanitizer's output is normalised, so every link starts with "<a " and has no target of its own.
        html = LINK_START.matcher(html).replaceAll("<a target=\"_blank\" ");
        return new Sanitized(html, plainText(html));
    }

    static String plainText(String safeHtml) {
        String text = BLOCK_END.matcher(safeHtml).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = decodeEntities(text);
        text = SPACES.matcher(text).replaceAll(" ");
        text = BLANK_LINES.matcher(text).replaceAll("\n");
        return text.strip();
    }

    private static String decodeEntities(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String entity = matcher.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> {
                    int codePoint = entity.startsWith("#x") || entity.startsWith("#X")
                            ? Integer.parseInt(entity.substring(2), 16)
                            : Integer.parseInt(entity.substring(1));
                    yield Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : "";
                }
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The first words of a plain text, on one line, at most {@code maxLength} characters. */
    static String excerpt(String plainText, int maxLength) {
        String oneLine = plainText.replace('\n', ' ').strip();
        if (oneLine.length() <= maxLength) {
            return oneLine;
        }
        String cut = oneLine.substring(0, maxLength - 1);
        int lastSpace = cut.lastIndexOf(' ');
        return (lastSpace > maxLength / 2 ? cut.substring(0, lastSpace) : cut).stripTrailing() + "…";
    }
}
