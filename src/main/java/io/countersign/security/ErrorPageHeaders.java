package io.countersign.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The protective headers on what the container's error dispatches render: a refusal made before any
 * security filter ran (a body over its cap, an address the firewall refuses) is answered by the error
 * page, and Spring Security's header writer does not run on error dispatches. Without this such a page
 * came without the pages' content policy, framing and caching rules. Headers already set are kept.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPageHeaders {

    @Bean
    FilterRegistrationBean<Filter> errorPageHeadersRegistration() {
        Filter filter = (request, response, chain) -> {
            if (response instanceof HttpServletResponse http) {
                ProtectiveHeaders.setIfAbsent(http);
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
