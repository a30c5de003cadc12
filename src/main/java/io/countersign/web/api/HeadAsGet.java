package io.countersign.web.api;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code HEAD} is the {@code GET} of the same path without its body (RFC 9110, 9.3.2), on the API and
 * the pages alike: the same rules admit it, the same operation or page answers it, with the same
 * status and headers. The access rules name {@code GET} only, so without this a {@code HEAD} that a
 * monitor or a proxy sends was refused as an operation the role may not call. The body is dropped by
 * the connector, which knows the request was a {@code HEAD} whatever the filters that follow are told.
 */
@Configuration(proxyBeanMethods = false)
class HeadAsGet {

    @Bean
    FilterRegistrationBean<Filter> headAsGetRegistration() {
        // a plain filter: it is on every call's path, the access check's included, and keeps no state
        Filter filter = (request, response, chain) -> chain.doFilter(
                request instanceof HttpServletRequest http && "HEAD".equals(http.getMethod())
                        ? new AsGet(http)
                        : request,
                response);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/*");
        registration.setOrder(DatabaseOutageFilter.BEFORE_SECURITY - 1);
        return registration;
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
