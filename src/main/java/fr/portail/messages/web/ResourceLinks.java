package fr.portail.messages.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Pages link WebJars by version-agnostic paths, which the resource chain resolves when they are requested. Rewriting
 * every link of every page through the resource resolvers (Boot's {@link ResourceUrlEncodingFilter}) cost about half
 * of the rendering time of the inbox in the benchmark, for nothing we use: it is switched off.
 */
@Configuration(proxyBeanMethods = false)
class ResourceLinks {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
