package fr.portail.messages.web;

import fr.portail.messages.security.CurrentViewer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * What an error looks like: under {@code /api/} an RFC 9457 problem ({@code application/problem+json}) whose title and
 * detail are in the caller's language, with the refused fields in {@code errors}; elsewhere the application's error
 * page for that status. Nothing of the cause (exception, SQL, stack trace) ever goes into either.
 */
@Component
class Problems {

    /** A refused field ({@code ""} for the request as a whole) and what is wrong with it, already translated. */
    record FieldMessage(String field, String message) {}

    /** The refused fields of a page's error, passed to the error controller. */
    static final String ERRORS = Problems.class.getName() + ".errors";

    private final MessageSource messages;
    private final LocaleResolver locales;

    Problems(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    Object answer(HttpServletRequest request, HttpStatusCode status, List<FieldMessage> errors) {
        return answer(request, status, errors, HttpHeaders.EMPTY);
    }

    /** A problem for the API, the error page otherwise; {@code headers} such as {@code Allow} go with it. */
    Object answer(HttpServletRequest request, HttpStatusCode status, List<FieldMessage> errors, HttpHeaders headers) {
        // During the error page's own dispatch the path is /error; the refused request's path says API or page.
        Object refused = request.getDispatcherType() == DispatcherType.ERROR
                ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                : null;
        return answer(
                request, refused instanceof String path ? path : request.getRequestURI(), status, errors, headers);
    }

    /** The same for a request whose path was {@code uri} (the error controller answers for another request). */
    Object answer(
            HttpServletRequest request,
            String uri,
            HttpStatusCode status,
            List<FieldMessage> errors,
            HttpHeaders headers) {
        if (isApi(uri, request.getContextPath())) {
            ProblemDetail problem = problem(status, locales.resolveLocale(request), errors);
            problem.setInstance(instance(uri));
            return ResponseEntity.status(status)
                    .headers(headers)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        if (request.getDispatcherType() != DispatcherType.ERROR && request.getAttribute(ERRORS) == null) {
            // The error controller renders the page, as a controller: whatever the layout needs (added by advice and
            // interceptors of other modules) is then there, which an exception handler's view would lack.
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status.value());
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
            request.setAttribute(ERRORS, errors);
            ModelAndView forward = new ModelAndView("forward:/error");
            forward.setStatus(status); // also the answer's status where the forward is not followed (MockMvc)
            return forward;
        }
        ModelAndView page = new ModelAndView(view(status.value()));
        page.addObject("viewer", CurrentViewer.of(request).orElse(null));
        page.addObject("status", status.value());
        page.addObject("errors", errors);
        page.setStatus(status);
        return page;
    }

    /** The problem for {@code status}: its title and detail in {@code locale}, and the refused fields if any. */
    ProblemDetail problem(HttpStatusCode status, Locale locale, List<FieldMessage> errors) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String reason = known == null ? "Error" : known.getReasonPhrase();
        // A 413 or 429 has one cause, which its error says better than the status's general text.
        String detail = (status.value() == 413 || status.value() == 429) && !errors.isEmpty()
                ? errors.get(0).message()
                : messages.getMessage(detailKey(status.value()), null, reason, locale);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(messages.getMessage("error.title." + status.value(), null, reason, locale));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** A message for a validation or binding error, never an exception when no message is defined for it. */
    String message(MessageSourceResolvable error, Locale locale) {
        try {
            return messages.getMessage(error, locale);
        } catch (NoSuchMessageException unknown) {
            return messages.getMessage("error.invalidValue", null, locale);
        }
    }

    /**
     * Whether the server could not decode the request's parameters (bytes that are not UTF-8 in the query or a form):
     * the client's fault. Jetty says so with a 400 {@link HttpException} when the parameters are first read.
     */
    static boolean isUndecodableParameter(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException refused && refused.getCode() == 400) {
                return true;
            }
        }
        return false;
    }

    static boolean isApi(String uri, String contextPath) {
        return uri != null && uri.startsWith(contextPath + "/api/");
    }

    /** The path of the request as the problem's {@code instance}, when it is a short, well-formed URI. */
    static URI instance(String uri) {
        if (uri == null || uri.length() > 2000) {
            return null;
        }
        try {
            return new URI(uri);
        } catch (java.net.URISyntaxException malformed) {
            return null;
        }
    }

    private static String detailKey(int status) {
        return switch (status) {
            case 400 -> "error.invalidInput";
            case 401 -> "error.unauthorized";
            case 403 -> "error.forbidden";
            case 404 -> "error.notFound";
            case 405 -> "error.methodNotAllowed";
            case 406 -> "error.notAcceptable";
            case 413 -> "error.payloadTooLarge";
            case 415 -> "error.unsupportedMediaType";
            case 429 -> "error.tooManyRequests";
            default -> status >= 500 ? "error.server" : "error.invalidInput";
        };
    }

    private static String view(int status) {
        return switch (status) {
            case 403, 404 -> "error/" + status;
            default -> status >= 500 ? "error/500" : "error/400";
        };
    }
}
