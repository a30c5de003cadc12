package io.countersign.web.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code HEAD} on the API is the {@code GET} of the same path without its body (RFC 9110, 9.3.2): the
 * same rules admit it, the same operation answers it, with the same status and headers. The access
 * rules name {@code GET} only, so without this a {@code HEAD} that a monitor or a proxy sends was
 * refused as an operation the role may not call. The body is dropped by the connector, which knows
 * the request was a {@code HEAD} whatever the filters that follow are told.
 */
@Configuration(proxyBeanMethods = false)
class HeadAsGet {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> headAsGetRegistration() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(DatabaseOutageFilter.BEFORE_SECURITY - 1);
        return registration;
    }

    private static final class Filter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter("HEAD".equals(request.getMethod()) ? new AsGet(request) : request, response);
        }
    }

    private static final class AsGet extends HttpServletRequestWrapper {

        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }
    }
}
