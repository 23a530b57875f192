package fr.portail.messages.live;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Starts a new stream's writes once the request's thread has left every filter. Until then Spring Security's header
 * writer and Spring Session still read and write the response's headers, unsynchronised: a first write from a writer
 * thread at that moment corrupted the container's header list (seen on Tomcat as an
 * {@code ArrayIndexOutOfBoundsException} in {@code MimeHeaders} while 2,000 streams opened). The outermost filter of
 * {@code /events} is the one place that runs after all of them.
 */
@Configuration(proxyBeanMethods = false)
class StreamStart {

    private static final String ATTRIBUTE = StreamStart.class.getName();

    /** Marks the stream that {@code request} opens: it starts when the filter chain returns. */
    static void startAfterFilters(ServletRequest request, LiveStream stream) {
        request.setAttribute(ATTRIBUTE, stream);
    }

    @Bean
    FilterRegistrationBean<Filter> streamStartFilter() {
        Filter filter = StreamStart::filter;
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/events");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static void filter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(ATTRIBUTE) instanceof LiveStream stream) {
                request.removeAttribute(ATTRIBUTE);
                stream.start();
            }
        }
    }
}
