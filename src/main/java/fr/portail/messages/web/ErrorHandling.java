package fr.portail.messages.web;

import fr.portail.messages.attachment.AttachmentService;
import fr.portail.messages.platform.InvalidInputException;
import fr.portail.messages.platform.LimitExceededException;
import fr.portail.messages.platform.NotFoundException;
import fr.portail.messages.platform.TextRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The one place that turns the exceptions of controllers into answers: the application's error page for the pages, an
 * RFC 9457 problem for the API ({@link Problems}), with a message in the caller's language. Anything unexpected is
 * logged here with its stack trace and answered as a plain 500 that says nothing of the cause.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorHandling {

    /**
     * The most of a refused upload read and dropped so that its client hears the refusal: one file over the limit
     * and its multipart framing (what Tomcat's swallow size was).
     */
    private static final long DISCARDED_BODY_LIMIT = AttachmentService.MAX_FILE_BYTES + 10L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private final Problems problems;
    private final MessageSource messages;
    private final LocaleResolver locales;

    ErrorHandling(Problems problems, MessageSource messages, LocaleResolver locales) {
        this.problems = problems;
        this.messages = messages;
        this.locales = locales;
    }

    /**
     * Also an unknown URL: without this, Boot's problem-details handler (ordered before unordered advice) would answer
     * a browser with JSON instead of the 404 page.
     */
    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    Object notFound(HttpServletRequest request) {
        return problems.answer(request, HttpStatus.NOT_FOUND, List.of());
    }

    /** A malformed id in a URL names nothing: "not found"; a malformed or refused parameter is a bad request. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object malformed(MethodArgumentTypeMismatchException exception, HttpServletRequest request) {
        String refused = TextRules.refusal(exception).orElse(null);
        if (refused == null && exception.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return notFound(request);
        }
        return invalid(
                new InvalidInputException(exception.getName(), refused == null ? "error.invalidValue" : refused),
                request);
    }

    @ExceptionHandler(InvalidInputException.class)
    Object invalid(InvalidInputException exception, HttpServletRequest request) {
        return problems.answer(request, HttpStatus.BAD_REQUEST, fieldMessages(exception, request));
    }

    /** A limit of SPEC §9: 413 for a message too large, 429 for an upload allowance used up. */
    @ExceptionHandler(LimitExceededException.class)
    Object overLimit(LimitExceededException exception, HttpServletRequest request) {
        HttpStatus status = switch (exception.kind()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
        };
        return problems.answer(request, status, fieldMessages(exception, request));
    }

    private List<Problems.FieldMessage> fieldMessages(InvalidInputException exception, HttpServletRequest request) {
        var locale = locales.resolveLocale(request);
        return exception.problems().stream()
                .map(problem -> new Problems.FieldMessage(
                        problem.field() == null ? "" : problem.field(),
                        messages.getMessage(
                                problem.messageKey(), problem.arguments().toArray(), problem.messageKey(), locale)))
                .toList();
    }

    /** A request record that breaks its declared constraints (Bean Validation), or a form that could not be bound. */
    @ExceptionHandler(BindException.class)
    Object unbound(BindException exception, HttpServletRequest request) {
        return problems.answer(request, HttpStatus.BAD_REQUEST, fieldMessages(exception.getBindingResult(), request));
    }

    /** Constraints declared on the parameters of a controller method. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    Object invalidParameters(HandlerMethodValidationException exception, HttpServletRequest request) {
        var locale = locales.resolveLocale(request);
        List<Problems.FieldMessage> errors = new ArrayList<>();
        for (ParameterValidationResult result : exception.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> errors.add(new Problems.FieldMessage(
                            error instanceof FieldError field ? field.getField() : String.valueOf(name),
                            problems.message(error, locale))));
        }
        return problems.answer(request, HttpStatus.BAD_REQUEST, errors);
    }

    /** A body that is not JSON, not UTF-8, or not of the expected shape; a refused text names its field. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException exception, HttpServletRequest request) {
        var unreadable = JsonProblems.describe(exception);
        var locale = locales.resolveLocale(request);
        return problems.answer(
                request,
                HttpStatus.BAD_REQUEST,
                List.of(new Problems.FieldMessage(
                        unreadable.field(), messages.getMessage(unreadable.messageKey(), null, locale))));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        discardRestOfBody(request);
        var message = messages.getMessage("error.payloadTooLarge", null, locales.resolveLocale(request));
        return problems.answer(
                request, HttpStatus.CONTENT_TOO_LARGE, List.of(new Problems.FieldMessage("files", message)));
    }

    /**
     * A multipart body the container could not read: a part over the size limit, or a broken body (a control
     * character in a file name, a cut boundary, too many parts). The application's multipart requests carry files,
     * so the message speaks of them.
     */
    @ExceptionHandler(MultipartException.class)
    Object brokenMultipart(MultipartException exception, HttpServletRequest request) {
        if (exception.getCause() instanceof IllegalStateException tooLarge
                && String.valueOf(tooLarge.getMessage()).contains("exceed")) {
            return tooLarge(request);
        }
        var message = messages.getMessage("error.multipartUnreadable", null, locales.resolveLocale(request));
        return problems.answer(request, HttpStatus.BAD_REQUEST, List.of(new Problems.FieldMessage("files", message)));
    }

    /**
     * Reads and drops the rest of a refused upload, up to {@link #DISCARDED_BODY_LIMIT}, so that a client still
     * sending it reads the answer: Jetty closes a connection whose request body was left unread, and a client
     * writing into a closed connection never sees the 413.
     */
    private static void discardRestOfBody(HttpServletRequest request) {
        byte[] buffer = new byte[64 * 1024];
        long discarded = 0;
        try {
            InputStream rest = request.getInputStream();
            for (int read; discarded < DISCARDED_BODY_LIMIT && (read = rest.read(buffer)) >= 0; ) {
                discarded += read;
            }
        } catch (IOException | IllegalStateException unreadable) {
            // Gone, or already consumed by the multipart parser: the connection closes and nothing more can be done.
        }
    }

    @ExceptionHandler({AuthenticationException.class, AccessDeniedException.class})
    Object security(Exception exception, HttpServletRequest request) {
        return problems.answer(
                request,
                exception instanceof AuthenticationException ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN,
                List.of());
    }

    /**
     * Spring's own refusals (405, 406, 415, a missing parameter, ...) keep their status and headers ({@code Allow},
     * {@code Accept}); everything else is a fault of ours: logged in full, answered without a word about it.
     */
    @ExceptionHandler(Exception.class)
    Object unexpected(Exception exception, HttpServletRequest request, HttpServletResponse servletResponse) {
        // A browser that left (a closed event stream, a page changed while a font loaded) is not a fault: there is
        // no one to answer and nothing to log (with the response among the parameters, null means "handled").
        if (DisconnectedClientHelper.isClientDisconnectedException(exception)) {
            return null;
        }
        if (exception instanceof ErrorResponse response
                && response.getStatusCode().is4xxClientError()) {
            return problems.answer(request, response.getStatusCode(), List.of(), response.getHeaders());
        }
        if (Problems.isUndecodableParameter(exception)) {
            return invalid(new InvalidInputException(null, "text.error.encoding"), request);
        }
        LOG.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), exception);
        HttpStatusCode status = HttpStatus.INTERNAL_SERVER_ERROR;
        return problems.answer(request, status, List.of());
    }

    private List<Problems.FieldMessage> fieldMessages(BindingResult result, HttpServletRequest request) {
        var locale = locales.resolveLocale(request);
        List<Problems.FieldMessage> errors = new ArrayList<>();
        result.getFieldErrors()
                .forEach(error ->
                        errors.add(new Problems.FieldMessage(error.getField(), problems.message(error, locale))));
        result.getGlobalErrors()
                .forEach(error -> errors.add(new Problems.FieldMessage("", problems.message(error, locale))));
        return errors;
    }

    static boolean isApi(HttpServletRequest request) {
        return Problems.isApi(request.getRequestURI(), request.getContextPath());
    }
}
