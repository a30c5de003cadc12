package io.countersign.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.RelativeRedirectFilter;

/**
 * Every redirect names a path, never a host. Tomcat turns a relative redirect into an absolute address
 * built from the Host header (or an X-Forwarded-Host from a proxy it trusts), which the client chose:
 * {@code server.tomcat.use-relative-redirects} stops that for HTTP/1.1, but not for HTTP/1.0, which
 * nginx speaks to its upstreams unless told otherwise. This filter writes the Location header itself.
 */
@Configuration(proxyBeanMethods = false)
class RelativeRedirects {

    @Bean
    FilterRegistrationBean<RelativeRedirectFilter> relativeRedirectsRegistration() {
        RelativeRedirectFilter filter = new RelativeRedirectFilter();
        filter.setRedirectStatus(HttpStatus.FOUND);
        FilterRegistrationBean<RelativeRedirectFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
