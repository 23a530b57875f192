package fr.portail.messages.web;

import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.security.CurrentViewer;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that turns the application's exceptions into answers: an HTML page for the pages, an RFC 9457
 * problem for the API, with a message in the caller's language.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorHandling {

    private final MessageSource messages;
    private final LocaleResolver locales;

    ErrorHandling(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    /**
     * Also an unknown URL: without this, Boot's problem-details handler (ordered before unordered advice) would answer
     * a browser with JSON instead of the 404 page.
     */
    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    Object notFound(HttpServletRequest request) {
        if (isApi(request)) {
            return problem(request, HttpStatus.NOT_FOUND, "error.notFound", List.of());
        }
        var page = new ModelAndView("error/404");
        page.addObject("viewer", CurrentViewer.of(request).orElse(null));
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }

    /** A malformed id in a URL names nothing: "not found"; any other malformed parameter is a bad request. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object malformed(MethodArgumentTypeMismatchException exception, HttpServletRequest request) {
        if (exception.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return notFound(request);
        }
        return invalid(new InvalidInputException(exception.getName(), "error.invalidInput"), request);
    }

    @ExceptionHandler(InvalidInputException.class)
    Object invalid(InvalidInputException exception, HttpServletRequest request) {
        Locale locale = locales.resolveLocale(request);
        List<Map<String, Object>> errors = exception.problems().stream()
                .map(problem -> Map.<String, Object>of(
                        "field",
                        problem.field() == null ? "" : problem.field(),
                        "message",
                        messages.getMessage(
                                problem.messageKey(), problem.arguments().toArray(), locale)))
                .toList();
        if (isApi(request)) {
            return problem(request, HttpStatus.BAD_REQUEST, "error.invalidInput", errors);
        }
        var page = new ModelAndView("error/400");
        page.addObject("viewer", CurrentViewer.of(request).orElse(null));
        page.addObject("errors", errors);
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        if (isApi(request)) {
            return problem(request, HttpStatus.CONTENT_TOO_LARGE, "error.payloadTooLarge", List.of());
        }
        var page = new ModelAndView("error/400");
        page.addObject("viewer", CurrentViewer.of(request).orElse(null));
        page.addObject(
                "errors",
                List.of(Map.of(
                        "field",
                        "files",
                        "message",
                        messages.getMessage("error.payloadTooLarge", null, locales.resolveLocale(request)))));
        page.setStatus(HttpStatus.CONTENT_TOO_LARGE);
        return page;
    }

    private ResponseEntity<ProblemDetail> problem(
            HttpServletRequest request, HttpStatus status, String key, List<Map<String, Object>> errors) {
        Locale locale = locales.resolveLocale(request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(key, null, locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
