package fr.portail.messages.platform;

import java.util.List;

/**
 * Input the user must correct. Each error names its field (or none for the whole form) and a message key of
 * {@code messages_*.properties}, so that it can be shown next to the field in the user's language.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(problems.toString(), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String messageKey, Object... arguments) {
        this(List.of(new FieldProblem(field, messageKey, List.of(arguments))));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /**
     * @param field the form field or JSON path at fault, or {@code null} for the input as a whole
     * @param messageKey key of the message in the message bundles
     * @param arguments values inserted in the message
     */
    public record FieldProblem(String field, String messageKey, List<Object> arguments) {
        public FieldProblem {
            arguments = List.copyOf(arguments);
        }

        public static FieldProblem of(String field, String messageKey, Object... arguments) {
            return new FieldProblem(field, messageKey, List.of(arguments));
        }
    }
}
