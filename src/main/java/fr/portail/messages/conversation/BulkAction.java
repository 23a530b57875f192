package fr.portail.messages.conversation;

import fr.portail.messages.platform.InvalidInputException;
import java.util.Locale;

/** What the inbox does to the selected conversations, for the person who selected them. */
public enum BulkAction {
    /** "Terminé". */
    DONE,
    /** Back to "À traiter". */
    TODO,
    READ,
    UNREAD;

    /** The value of an {@code action} field. */
    public static BulkAction parse(String value) {
        try {
            return valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInputException("action", "inbox.bulk.error.action");
        }
    }
}
