package fr.portail.messages.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * French by default, English on request. Pages follow the language cookie set by the language switch; API callers
 * without the cookie are answered in the language of their {@code Accept-Language} header.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        var cookie = new CookieLocaleResolver("messages-lang") {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                Locale resolved = super.resolveLocale(request);
                return SUPPORTED.contains(Locale.forLanguageTag(resolved.getLanguage()))
                        ? Locale.forLanguageTag(resolved.getLanguage())
                        : Locale.FRENCH;
            }
        };
        cookie.setCookieMaxAge(Duration.ofDays(365));
        cookie.setCookieHttpOnly(true);
        cookie.setDefaultLocaleFunction(request -> originalPath(request).startsWith(request.getContextPath() + "/api/")
                ? acceptedLanguage(request)
                : Locale.FRENCH);
        return cookie;
    }

    /** The path the client asked for, also while the error controller answers for it. */
    private static String originalPath(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return failed instanceof String path ? path : request.getRequestURI();
    }

    private static Locale acceptedLanguage(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.FRENCH;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return match == null ? Locale.FRENCH : match;
        } catch (IllegalArgumentException malformed) {
            return Locale.FRENCH;
        }
    }
}
