package fr.portail.messages.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Answers what failed outside a controller — a refusal of Spring Security's firewall, an exception in a filter or
 * while a page renders, an error the servlet container sends — exactly as {@link ErrorHandling} answers inside: a
 * problem under {@code /api/}, the error page elsewhere. Replaces Boot's controller, whose JSON is not a problem.
 */
@Controller
class ErrorPageController implements ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPageController.class);

    private final Problems problems;

    ErrorPageController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code instanceof Integer value && value >= 400 && value <= 599
                ? HttpStatusCode.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable thrown && Problems.isUndecodableParameter(thrown)) {
            status = HttpStatus.BAD_REQUEST;
        } else if (status.is5xxServerError()
                && failure instanceof Throwable thrown
                && !DisconnectedClientHelper.isClientDisconnectedException(thrown)) {
            LOG.error("Unexpected failure of {}", uri, thrown);
        }
        @SuppressWarnings("unchecked")
        List<Problems.FieldMessage> errors = request.getAttribute(Problems.ERRORS) instanceof List<?> list
                ? (List<Problems.FieldMessage>) list
                : List.of();
        return problems.answer(
                request,
                uri instanceof String path ? path : request.getRequestURI(),
                status,
                errors,
                HttpHeaders.EMPTY);
    }
}
