package fr.portail.messages.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person typed in the search field, parsed into terms that PostgreSQL's {@code to_tsquery} reads with the
 * {@code messages_fr} configuration (which removes accents and case and reduces words to their stem).
 *
 * <ul>
 *   <li>Words separated by spaces must all be found in the conversation, each anywhere in it.
 *   <li>{@code "…"} is a phrase: its words next to each other, in one message or in one field.
 *   <li>{@code -mot} or {@code -"…"} excludes the conversations where it is found.
 *   <li>The last word, unless followed by a space or closed by a quote, also matches as a prefix, the way a word
 *       being typed would: "déclara" finds "déclaration".
 * </ul>
 *
 * <p>Only letters, digits and combining marks reach the query text; everything else separates words, so no input can
 * change the query's syntax. A word with punctuation inside ("l'entreprise", "B-00012") is a phrase of its parts.
 *
 * @param terms the words and phrases that must be found, each a {@code to_tsquery} text for {@code messages_fr}
 * @param excluded the words and phrases that must not be found, each a {@code to_tsquery} text for {@code messages_fr}
 * @param typing the word being typed, if any, as a prefix query for {@code messages_prefix} (accents and case removed,
 *     no stem): an alternative of the last term
 */
record SearchQuery(List<String> terms, List<String> excluded, String typing) {

    /** Longer input is cut: a search field is not a document. */
    static final int MAX_LENGTH = 200;

    static final int MAX_TERMS = 8;

    private static final Pattern PART = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+");

    /** The shortest truncation of a word being typed that still counts, see {@link #prefix(String)}. */
    private static final int MIN_TRUNCATION = 4;

    /** Empty when the input has nothing to search for. */
    static Optional<SearchQuery> parse(String input) {
        if (input == null || input.isBlank()) {
            return Optional.empty();
        }
        String text = input.length() > MAX_LENGTH ? input.substring(0, MAX_LENGTH) : input;
        List<Token> tokens = tokens(text);
        List<String> terms = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        String typingPrefix = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean last = i == tokens.size() - 1;
            boolean typing = last
                    && !token.phrase()
                    && !token.excluded()
                    && !Character.isWhitespace(text.charAt(text.length() - 1));
            String query = token.query(typing);
            if (query == null) {
                continue;
            }
            List<String> target = token.excluded() ? excluded : terms;
            if (terms.size() + excluded.size() < MAX_TERMS) {
                target.add(query);
                if (typing && !token.excluded()) {
                    typingPrefix = token.typedPrefix();
                }
            }
        }
        if (terms.isEmpty() && excluded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SearchQuery(List.copyOf(terms), List.copyOf(excluded), typingPrefix));
    }

    /** Whether term {@code index} has the {@link #typing()} alternative. */
    boolean isTyped(int index) {
        return typing != null && index == terms.size() - 1;
    }

    /** Any of the terms: what marks the words of a message and picks the messages that count as matching. */
    String anyTerm() {
        return terms.stream().map(term -> "(" + term + ")").collect(Collectors.joining(" | "));
    }

    private record Token(String text, boolean phrase, boolean excluded) {

        /** The {@code to_tsquery} text of this token, or {@code null} when it has no letter or digit. */
        String query(boolean typing) {
            List<String> parts = new ArrayList<>();
            Matcher matcher = PART.matcher(text);
            while (matcher.find()) {
                parts.add(matcher.group());
            }
            if (parts.isEmpty()) {
                return null;
            }
            if (!typing) {
                return parts.stream().map(Token::quoted).collect(Collectors.joining(" <-> "));
            }
            String lastPart = parts.get(parts.size() - 1);
            if (parts.size() == 1) {
                return prefix(lastPart);
            }
            return parts.subList(0, parts.size() - 1).stream()
                            .map(Token::quoted)
                            .collect(Collectors.joining(" <-> ")) + " <-> " + quoted(lastPart) + ":*";
        }

        /** The prefix query of a single word being typed, or {@code null} for a phrase. */
        String typedPrefix() {
            Matcher matcher = PART.matcher(text);
            if (!matcher.find()) {
                return null;
            }
            String word = matcher.group();
            return matcher.find() ? null : quoted(word) + ":*";
        }

        static String quoted(String part) {
            return "'" + part + "'";
        }
    }

    /**
     * A word being typed, in {@code messages_fr}: its stem, or the stem of one of its truncations. The stem of an
     * unfinished word can be longer than the stem of the finished one ("déclarati" gives "declarat", "déclarations"
     * gives "declar"), so the truncations down to five letters shorter find the finished word. The word is also a
     * prefix of unstemmed words ({@link #typing()}): a stem used as a prefix can be far too short ("liasse" gives "li").
     */
    private static String prefix(String word) {
        List<String> alternatives = new ArrayList<>();
        alternatives.add(Token.quoted(word));
        int[] codePoints = word.codePoints().toArray();
        for (int length = codePoints.length - 1; length >= Math.max(MIN_TRUNCATION, codePoints.length - 5); length--) {
            alternatives.add(Token.quoted(new String(codePoints, 0, length)));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : String.join(" | ", alternatives);
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean excluded = false;
            if (c == '-' && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) {
                excluded = true;
                i++;
                c = text.charAt(i);
            }
            if (c == '"') {
                int end = text.indexOf('"', i + 1);
                int stop = end < 0 ? text.length() : end;
                tokens.add(new Token(text.substring(i + 1, stop), true, excluded));
                i = stop + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                tokens.add(new Token(text.substring(i, end), false, excluded));
                i = end;
            }
        }
        return tokens;
    }
}
