package fr.portail.messages.platform;

import java.util.Optional;

/**
 * The one rule for text that comes in from outside — form fields, query parameters, JSON strings, multipart fields,
 * file names, imported files — applied at the edge before any service sees it:
 *
 * <ul>
 *   <li>no NUL and no other control character, except tab, line feed and carriage return;
 *   <li>no invalid UTF-8: the servlet container turns undecodable bytes into U+FFFD, and JSON can carry unpaired
 *       surrogates, so both are refused;
 *   <li>in names and subjects ({@link Kind#NAME}), additionally no bidirectional embedding, override or isolate
 *       characters (which make a file name {@code facture[RLO]fdp.exe} read as {@code factureexe.pdf}) and no line break (a name or a
 *       subject is one line, also in e-mail headers).
 * </ul>
 *
 * Each refusal is a message key of {@code messages_*.properties} ({@code text.error.*}).
 */
public final class TextRules {

    /** Where a text goes: free text (messages, searches, identifiers) or a name or a subject. */
    public enum Kind {
        TEXT,
        NAME
    }

    private TextRules() {}

    /** The message key of the first thing wrong with {@code text}, or empty when it may come in. */
    public static Optional<String> problem(String text, Kind kind) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c == '\uFFFD') {
                return Optional.of("text.error.encoding");
            } else if (c == '\t' || c == '\n' || c == '\r') {
                if (kind == Kind.NAME) {
                    return Optional.of("text.error.lineBreak");
                }
            } else if (Character.isISOControl(c)) {
                return Optional.of("text.error.control");
            } else if (kind == Kind.NAME && isBidiControl(c)) {
                return Optional.of("text.error.bidi");
            }
        }
        return Optional.empty();
    }

    /**
     * Lets {@code text} through or refuses it.
     *
     * @param field the field to name in the refusal
     * @return {@code text}
     * @throws InvalidInputException naming {@code field} when the text breaks the rule
     */
    public static String require(String field, String text, Kind kind) {
        problem(text, kind).ifPresent(key -> {
            throw new InvalidInputException(field, key);
        });
        return text;
    }

    /**
     * Checks a text where the caller cannot answer with an {@link InvalidInputException} (a converter, a
     * deserializer): the refusal is a {@link Refused} that the error handling finds with {@link #refusal(Throwable)}.
     */
    public static String check(String text, Kind kind) {
        problem(text, kind).ifPresent(key -> {
            throw new Refused(key);
        });
        return text;
    }

    /** The message key of the {@link Refused} text among the causes of {@code failure}, if any. */
    public static Optional<String> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refused refused) {
                return Optional.of(refused.messageKey());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /** A text refused by the rule, thrown where a conversion fails; carries the key of the message to show. */
    public static final class Refused extends IllegalArgumentException {

        private final String messageKey;

        Refused(String messageKey) {
            super(messageKey, null);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** {@code text} without the characters the rule refuses, to show a refused value back safely. */
    public static String withoutRefused(String text, Kind kind) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean refused = c == 0xFFFD
                    || (c <= 0xFFFF && Character.isSurrogate((char) c))
                    || (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                    || (kind == Kind.NAME && (c == '\t' || c == '\n' || c == '\r' || isBidiControl(c)));
            if (!refused) {
                kept.appendCodePoint(c);
            }
        });
        return kept.toString();
    }

    /** LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI. */
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
