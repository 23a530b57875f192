package fr.portail.messages.security;

import fr.portail.messages.platform.MessagesProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie. When the public address is https (TLS, usually at a reverse proxy), the cookie is
 * {@code Secure} and named with the {@code __Host-} prefix: browsers then refuse it over plain http, from a
 * sub-domain, or with another path, so neither a network attacker nor a sibling site can plant or read it.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookie {

    static final String NAME = "MESSAGES_SESSION";

    @Bean
    CookieSerializer cookieSerializer(MessagesProperties properties) {
        return serializer(isHttps(properties));
    }

    static boolean isHttps(MessagesProperties properties) {
        return properties.publicBaseUrl().regionMatches(true, 0, "https://", 0, 8);
    }

    static DefaultCookieSerializer serializer(boolean https) {
        var serializer = new DefaultCookieSerializer();
        serializer.setCookieName(https ? "__Host-" + NAME : NAME);
        serializer.setUseSecureCookie(https);
        serializer.setCookiePath("/");
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        return serializer;
    }
}
