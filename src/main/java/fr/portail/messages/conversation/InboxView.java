package fr.portail.messages.conversation;

import fr.portail.messages.platform.InvalidInputException;
import java.util.Locale;

/** The inbox views of a person: what is still to handle ("À traiter"), what they marked done ("Terminés"), or both. */
public enum InboxView {
    TODO,
    DONE,
    ALL;

    /** The value of a {@code view} parameter; {@code null} or blank gives {@code fallback}. */
    public static InboxView parse(String value, InboxView fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInputException("view", "inbox.error.view");
        }
    }

    /** The parameter value, as in {@code ?view=done}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The condition on conversation {@code c} for person {@code :viewer}. A conversation is done while the person's mark
     * covers all its messages: a new message brings it back to "À traiter" without writing anything.
     */
    String condition() {
        return switch (this) {
            case TODO -> "not " + DONE_TEST;
            case DONE -> DONE_TEST;
            case ALL -> "true";
        };
    }

    static final String DONE_TEST = """
            exists (select 1 from conversation_done d
                     where d.person_id = :viewer and d.conversation_id = c.id and d.message_count >= c.message_count)""";
}
