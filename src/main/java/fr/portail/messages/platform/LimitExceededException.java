package fr.portail.messages.platform;

import java.util.List;

/**
 * Input refused because it goes beyond one of the limits of SPEC §9 (a message too large, an upload quota used up).
 * Pages show it next to its field like any invalid input; the API answers it with its own status, so that a client
 * can tell "too large" (413) and "too much for now" (429) from a mistake in the request (400).
 */
public class LimitExceededException extends InvalidInputException {

    /** Which kind of limit was reached. */
    public enum Kind {
        /** The request itself is too large: 413. */
        TOO_LARGE,
        /** The person has used up an allowance: 429. */
        TOO_MANY
    }

    private final Kind kind;

    public LimitExceededException(Kind kind, List<FieldProblem> problems) {
        super(problems);
        this.kind = kind;
    }

    public LimitExceededException(Kind kind, String field, String messageKey, Object... arguments) {
        this(kind, List.of(FieldProblem.of(field, messageKey, arguments)));
    }

    public Kind kind() {
        return kind;
    }
}
