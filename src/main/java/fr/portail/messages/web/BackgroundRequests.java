package fr.portail.messages.web;

import fr.portail.messages.security.ActivityTracker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tells the idle timeout which requests are the person's actions: every handler but a {@link BackgroundRequest}.
 * Static files and error pages count for nothing either way.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundRequests implements WebMvcConfigurer {

    private final ActivityTracker activity;

    BackgroundRequests(ActivityTracker activity) {
        this.activity = activity;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method && !method.hasMethodAnnotation(BackgroundRequest.class)) {
                    activity.recordAction(request);
                }
                return true;
            }
        });
    }
}
