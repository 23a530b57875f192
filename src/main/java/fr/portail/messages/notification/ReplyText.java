package fr.portail.messages.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.springframework.web.util.HtmlUtils;

/**
 * The new text of a reply by e-mail, without the quoted history and the signature that mail clients add below it:
 * Gmail ("Le … a écrit :", {@code div.gmail_quote}), Outlook ("De : … Envoyé : …", {@code #divRplyFwdMsg}, the
 * bordered header block), Apple Mail ({@code blockquote type=cite}), in French and English, in plain text and HTML; a
 * signature starts at "-- " or at a "Sent from my …" line. What remains is sanitised by the conversation module like
 * any message.
 */
final class ReplyText {

    /** A line that opens the quoted history in plain text, or an element whose text starts with it in HTML. */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(Le\\s.{1,300}?\\sa\\s+écrit\\s*:"
                    + "|On\\s.{1,300}?\\swrote\\s*:"
                    + "|-{2,}\\s*(Original Message|Message d'origine|Message original)\\s*-{2,}"
                    + "|(De|From)\\s*:.{1,300}?\\s(Envoyé|Sent|Date)\\s*:.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Where a signature begins. */
    private static final Pattern SIGNATURE = Pattern.compile(
            "^(--|__+|(Envoyé de mon|Envoyé depuis|Sent from my|Sent from|Get Outlook for|Obtenir Outlook pour)\\s.{0,60})$",
            Pattern.CASE_INSENSITIVE);

    private static final String QUOTE_ELEMENTS = "div.gmail_quote, blockquote.gmail_quote, div.gmail_signature,"
            + " [data-smartmail=gmail_signature], blockquote[type=cite], div.moz-cite-prefix, #divRplyFwdMsg,"
            + " #appendonsend, #stopSpelling, #Signature, div.OutlookMessageHeader, div.AppleOriginalContents";

    private ReplyText() {}

    /** The new text of a plain-text reply. */
    static String fromPlainText(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            // An attribution line may be wrapped over two or three lines ("Le …, Alice <\nalice@…> a écrit :").
            String joined = join(lines, i, 3);
            if (ATTRIBUTION.matcher(line).matches()
                    || (line.matches("(?i)^(Le|On|De|From)\\s*:?\\s.*")
                            && ATTRIBUTION.matcher(joined).matches())
                    || line.matches("^_{10,}$")
                    || SIGNATURE.matcher(line).matches()
                    || (line.startsWith(">") && onlyQuotesFollow(lines, i))) {
                break;
            }
            kept.add(lines[i]);
        }
        return String.join("\n", kept).strip();
    }

    /** The new part of an HTML reply, as HTML. */
    static String fromHtml(String html) {
        Document document = Jsoup.parse(html);
        Element body = document.body();
        body.select(QUOTE_ELEMENTS).forEach(ReplyText::removeWithFollowing);
        for (Element element : body.getAllElements()) {
            if (element == body || element.parent() == null) {
                continue;
            }
            String text = element.text().replace('\u00a0', ' ').strip();
            if (ATTRIBUTION.matcher(text).lookingAt() || SIGNATURE.matcher(text).matches()) {
                removeWithFollowing(element);
                break;
            }
        }
        return body.html().strip();
    }

    /** Plain text as simple HTML paragraphs, escaped. */
    static String toHtml(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\n\\s*\n")) {
            if (!paragraph.isBlank()) {
                html.append("<p>")
                        .append(HtmlUtils.htmlEscape(paragraph.strip()).replace("\n", "<br>"))
                        .append("</p>");
            }
        }
        return html.toString();
    }

    /** Removes the element and everything after it, at its level and at every level above it. */
    private static void removeWithFollowing(Element element) {
        if (element.parent() == null) {
            return;
        }
        Node node = element;
        while (node != null && !(node instanceof Element e && e.tagName().equals("body"))) {
            Node parent = node.parent();
            List<Node> following = new ArrayList<>();
            for (Node sibling = node.nextSibling(); sibling != null; sibling = sibling.nextSibling()) {
                following.add(sibling);
            }
            following.forEach(Node::remove);
            if (node == element) {
                node.remove();
            }
            node = parent;
        }
    }

    private static String join(String[] lines, int from, int count) {
        StringBuilder joined = new StringBuilder();
        for (int i = from; i < Math.min(lines.length, from + count); i++) {
            joined.append(lines[i].strip()).append(' ');
        }
        return joined.toString().strip();
    }

    private static boolean onlyQuotesFollow(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith(">")) {
                return false;
            }
        }
        return true;
    }
}
