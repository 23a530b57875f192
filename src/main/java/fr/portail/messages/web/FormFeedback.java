package fr.portail.messages.web;

import fr.portail.messages.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one way pages report how a form went: a confirmation ({@value #NOTICE}), or the errors of the form that failed
 * ({@value #FIELD_ERRORS}), keyed by field ({@code ""} for the form as a whole), already in the user's language, shown
 * next to their fields by {@code fragments/form.html}. After a redirect they travel as flash attributes, which live in
 * the session (PostgreSQL), so they carry only strings; a page that answers the form itself puts the same map in its
 * model ({@link #show}), or rejects the fields of its {@link BindingResult} ({@link #reject}).
 */
@Component
public class FormFeedback {

    public static final String NOTICE = "notice";
    public static final String FIELD_ERRORS = "fieldErrors";

    private final MessageSource messages;

    FormFeedback(MessageSource messages) {
        this.messages = messages;
    }

    public void notice(RedirectAttributes redirect, String key, Object... arguments) {
        redirect.addFlashAttribute(NOTICE, message(key, arguments));
    }

    public void errors(RedirectAttributes redirect, InvalidInputException invalid) {
        redirect.addFlashAttribute(FIELD_ERRORS, byField(invalid));
    }

    /**
     * Runs an action of an administration page and says how it went: the confirmation {@code noticeKey} when it
     * succeeds, the errors of its form when it is refused.
     *
     * @return whether the action succeeded
     */
    public boolean attempt(RedirectAttributes redirect, Runnable action, String noticeKey) {
        return attempt(redirect, UnaryOperator.identity(), action, noticeKey);
    }

    /**
     * The same for a page with several forms: {@code field} gives where each problem shows on the page, from the
     * field the action named ({@code ""} for the form as a whole).
     */
    public boolean attempt(
            RedirectAttributes redirect, UnaryOperator<String> field, Runnable action, String noticeKey) {
        try {
            action.run();
        } catch (InvalidInputException invalid) {
            redirect.addFlashAttribute(FIELD_ERRORS, byField(invalid, field));
            return false;
        }
        notice(redirect, noticeKey);
        return true;
    }

    /** Puts the errors of {@code invalid} in the model of a page that answers its form without a redirect. */
    public void show(Model model, InvalidInputException invalid) {
        model.addAttribute(FIELD_ERRORS, byField(invalid));
    }

    /** The problems of {@code invalid}, resolved, by field. */
    public Map<String, List<String>> byField(InvalidInputException invalid) {
        return byField(invalid, UnaryOperator.identity());
    }

    private Map<String, List<String>> byField(InvalidInputException invalid, UnaryOperator<String> field) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (var problem : invalid.problems()) {
            errors.computeIfAbsent(field.apply(problem.field() == null ? "" : problem.field()), f -> new ArrayList<>())
                    .add(message(problem.messageKey(), problem.arguments().toArray()));
        }
        return errors;
    }

    /** Adds the problems of {@code invalid} to a form's binding result, next to their fields. */
    public static void reject(BindingResult result, InvalidInputException invalid) {
        for (var problem : invalid.problems()) {
            if (problem.field() == null || problem.field().isEmpty()) {
                result.reject(problem.messageKey(), problem.arguments().toArray(), null);
            } else {
                result.rejectValue(
                        problem.field(),
                        problem.messageKey(),
                        problem.arguments().toArray(),
                        null);
            }
        }
    }

    public String message(String key, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, arguments, key, locale);
    }
}
