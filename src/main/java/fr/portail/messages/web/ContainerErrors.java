package fr.portail.messages.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Tomcat refuses before the application sees them — a NUL, undecodable bytes or {@code ..} in the path, a
 * request line or header over the size limit — get the same answer as the application's own refusals: a problem
 * under {@code /api/}, a short page elsewhere, in the caller's language, instead of Tomcat's page with its version.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** Tomcat's error report, written as a problem or a plain page; never a stack trace or the server's version. */
    public static class ProblemReportValve extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            // Null when the request line itself was refused (too long): the path is unknown, and the answer is a
            // problem, what a client of the API expects; browsers do not send such requests.
            String uri = request.getCoyoteRequest().requestURI().toString();
            boolean api = uri == null || uri.isEmpty() || uri.startsWith("/api/");
            Locale locale = language(request.getHeader("Accept-Language"));
            String title = text("error.title." + status, locale, "Error " + status);
            String detail = text(status >= 500 ? "error.server" : "error.invalidInput", locale, title);
            try {
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                if (api) {
                    Map<String, Object> problem = new LinkedHashMap<>();
                    problem.put("type", "about:blank");
                    problem.put("title", title);
                    problem.put("status", status);
                    problem.put("detail", detail);
                    response.setContentType("application/problem+json");
                    Writer writer = response.getReporter();
                    if (writer != null) {
                        writer.write(JSON.writeValueAsString(problem));
                    }
                } else {
                    response.setContentType("text/html");
                    Writer writer = response.getReporter();
                    if (writer != null) {
                        writer.write("<!DOCTYPE html><html lang=\"" + locale.getLanguage()
                                + "\"><head><meta charset=\"utf-8\"><title>"
                                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + status + " — "
                                + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(detail)
                                + "</p><p><a href=\"/\">" + HtmlUtils.htmlEscape(text("error.home", locale, "/"))
                                + "</a></p></body></html>");
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // The client is gone or the response was committed meanwhile: nothing more can be said.
            }
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
}
