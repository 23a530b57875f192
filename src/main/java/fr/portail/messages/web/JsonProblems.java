package fr.portail.messages.web;

import fr.portail.messages.platform.JsonPaths;
import fr.portail.messages.platform.TextRules;
import java.util.Optional;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/** Says what is wrong with a JSON body that could not be read: which field, and why, as a message key. */
final class JsonProblems {

    /** The field at fault ({@code ""} for the body as a whole, else a path such as {@code users[2].name}). */
    record Unreadable(String field, String messageKey) {}

    private JsonProblems() {}

    static Unreadable describe(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        return cause instanceof JacksonException jackson
                ? describe(jackson)
                : new Unreadable("", "error.malformedJson");
    }

    /** The same for any exception of Jackson, e.g. while an imported file is read. */
    static Unreadable describe(JacksonException exception) {
        Optional<String> refused = TextRules.refusal(exception);
        if (refused.isPresent()) {
            return new Unreadable(JsonPaths.of(exception), refused.get());
        }
        if (exception instanceof StreamReadException
                && String.valueOf(exception.getOriginalMessage()).contains("UTF")) {
            return new Unreadable("", "text.error.encoding");
        }
        if (exception instanceof DatabindException && !exception.getPath().isEmpty()) {
            return new Unreadable(JsonPaths.of(exception), "error.invalidValue");
        }
        return new Unreadable("", "error.malformedJson");
    }
}
