package fr.portail.messages.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forwarded headers count only when the request comes from a trusted proxy ({@code messages.trusted-proxies}, a
 * regular expression of addresses): then the client's address (sign-in throttling, audit) and the https scheme come
 * from {@code X-Forwarded-For} and {@code X-Forwarded-Proto}. From anyone else they are removed before anything reads
 * them, so a client cannot choose the address it is throttled by.
 *
 * <p>The client is the last address of {@code X-Forwarded-For} that is not itself a trusted proxy: a client may
 * write its own {@code X-Forwarded-For}, which the proxy extends, so the first address proves nothing. The
 * RFC 7239 {@code Forwarded} header is not read (the proxies this is written for send {@code X-Forwarded-*}).
 * Spring's {@link ForwardedHeaderFilter} then applies what is left.
 */
@Configuration(proxyBeanMethods = false)
class TrustedProxies {

    private static final String FORWARDED_FOR = "x-forwarded-for";

    @Bean
    FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(
            @Value("${messages.trusted-proxies}") String trustedProxies) {
        var registration = new FilterRegistrationBean<>(new TrustedProxyFilter(Pattern.compile(trustedProxies)));
        // Before Spring Session and Spring Security read the address or the scheme; inside live/StreamStart, which
        // must stay the outermost filter of its stream.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    static final class TrustedProxyFilter extends OncePerRequestFilter {

        private final Pattern trusted;
        private final ForwardedHeaderFilter forwarded = new ForwardedHeaderFilter();

        TrustedProxyFilter(Pattern trusted) {
            this.trusted = trusted;
        }

        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return false;
        }

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean fromProxy = trusted.matcher(request.getRemoteAddr()).matches();
            forwarded.doFilter(new Sanitized(request, fromProxy, fromProxy ? client(request) : null), response, chain);
        }

        /** The last address of {@code X-Forwarded-For} that is not a trusted proxy; null when there is none. */
        private String client(HttpServletRequest request) {
            List<String> hops = new ArrayList<>();
            for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
                for (String hop : header.split(",")) {
                    if (!hop.isBlank()) {
                        hops.add(hop.strip());
                    }
                }
            }
            for (int i = hops.size() - 1; i >= 0; i--) {
                if (!trusted.matcher(hops.get(i)).matches()) {
                    return hops.get(i);
                }
            }
            return hops.isEmpty() ? null : hops.get(0);
        }
    }

    /**
     * The request without forwarded headers, or, when it came from a trusted proxy, with {@code X-Forwarded-For}
     * reduced to the client's address.
     */
    private static final class Sanitized extends HttpServletRequestWrapper {

        private final boolean fromProxy;
        private final String client;

        Sanitized(HttpServletRequest request, boolean fromProxy, String client) {
            super(request);
            this.fromProxy = fromProxy;
            this.client = client;
        }

        private boolean hidden(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.equals("forwarded") || (!fromProxy && lower.startsWith("x-forwarded-"));
        }

        @Override
        public String getHeader(String name) {
            if (hidden(name)) {
                return null;
            }
            return FORWARDED_FOR.equalsIgnoreCase(name) ? client : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!hidden(name) && !FORWARDED_FOR.equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            String value = getHeader(name);
            return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (getHeader(name) != null) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
        }
    }
}
