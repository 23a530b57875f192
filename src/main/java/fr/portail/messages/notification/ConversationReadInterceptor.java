package fr.portail.messages.notification;

import fr.portail.messages.security.CurrentViewer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Opening a conversation marks its notifications read (SPEC §4), without the conversation code knowing that
 * notifications exist: after a successful request that shows a conversation, marks it read, or replies to it, the
 * viewer's notifications of that conversation are marked read. {@code postHandle} runs only when the handler
 * succeeded, so a conversation that is missing or forbidden changes nothing; it runs before the view is rendered, so
 * the bell of that very page already counts them as read.
 */
@Configuration(proxyBeanMethods = false)
class ConversationReadInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final NotificationService notifications;

    ConversationReadInterceptor(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns(
                        "/conversations/*",
                        "/conversations/*/messages",
                        "/api/v1/conversations/*",
                        "/api/v1/conversations/*/messages",
                        "/api/v1/conversations/*/read");
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView modelAndView) {
        if (response.getStatus() >= 400) {
            return;
        }
        boolean opened = "GET".equals(request.getMethod());
        boolean readOrReplied = "POST".equals(request.getMethod())
                && (request.getRequestURI().endsWith("/messages")
                        || request.getRequestURI().endsWith("/read"));
        if (!opened && !readOrReplied) {
            return;
        }
        conversationId(request)
                .ifPresent(id ->
                        CurrentViewer.of(request).ifPresent(viewer -> notifications.markConversationRead(viewer, id)));
    }

    private static Optional<UUID> conversationId(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(variables instanceof Map<?, ?> map) || !(map.get("id") instanceof String id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
