package fr.portail.messages.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Jetty refuses before the application sees them — a request line or header over the size limit, a
 * malformed request — get the same answer as the application's own refusals: a problem under {@code /api/}, a short
 * page elsewhere, in the caller's language, instead of Jetty's page with its version.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        factory.addServerCustomizers(server -> server.setErrorHandler(new ProblemErrorHandler()));
    }

    /** Jetty's error handler, writing a problem or a plain page; never a stack trace or the server's version. */
    static class ProblemErrorHandler extends ErrorHandler {

        /** Every method gets its answer (Jetty's own writes a body for GET, POST and HEAD only). */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request, Response response, int status, String message, Throwable cause, Callback callback) {
            // A request that could not be parsed (a NUL or undecodable bytes in its path, say) reaches here as
            // Jetty's stand-in "BAD /badMessage" request, without its path or headers.
            HttpURI uri = request.getHttpURI();
            String path = "BAD".equals(request.getMethod()) || uri == null ? null : uri.getPath();
            Locale locale = language(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
            Answer answer = answer(status, path, locale);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }

    private record Answer(String contentType, byte[] body) {}

    /**
     * The answer to a refused request.
     *
     * @param path the request's path; null when the request line itself was refused, and then the answer is a
     *     problem, what a client of the API expects (browsers do not send such requests)
     */
    private static Answer answer(int status, String path, Locale locale) {
        boolean api = path == null || path.isEmpty() || path.startsWith("/api/");
        String title = text("error.title." + status, locale, "Error " + status);
        String detail = text(status >= 500 ? "error.server" : "error.invalidInput", locale, title);
        if (api) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status);
            problem.put("detail", detail);
            return new Answer("application/problem+json;charset=utf-8", JSON.writeValueAsBytes(problem));
        }
        String page = "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + status + " — "
                + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"/\">"
                + HtmlUtils.htmlEscape(text("error.home", locale, "/")) + "</a></p></body></html>";
        return new Answer("text/html;charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static Locale language(String acceptLanguage) {
        return acceptLanguage != null
                        && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en")
                ? Locale.ENGLISH
                : Locale.FRENCH;
    }

    private static String text(String key, Locale locale, String fallback) {
        try {
            return new MessageFormat(
                            ResourceBundle.getBundle("messages", locale).getString(key), locale)
                    .format(new Object[0]);
        } catch (MissingResourceException | IllegalArgumentException missing) {
            return fallback;
        }
    }
}
