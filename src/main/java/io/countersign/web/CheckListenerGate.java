package io.countersign.web;

import io.countersign.security.AccessCheckCallers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the check listener serves: the access check and the health probes, which a load balancer in
 * front of it asks. Every other path answers 404 there, as a path nothing serves, before any filter but
 * the one that gives the call its id and access log line: the enforcement points' network reaches
 * neither the API's other operations nor the pages.
 */
@Configuration(proxyBeanMethods = false)
class CheckListenerGate {

    private static final Set<String> HEALTH =
            Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> checkListenerGateRegistration(
            CheckListener listener, CheckListenerProperties properties) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(listener));
        registration.addUrlPatterns("/*");
        // just inside the call's id and access log line, so that a call refused here is logged like any other
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setEnabled(properties.enabled());
        return registration;
    }

    static boolean served(String path) {
        // the probes only: a component's own health (secrets, the database) is for the people's port
        return AccessCheckCallers.PATH.equals(path) || HEALTH.contains(path);
    }

    private static final class Filter extends OncePerRequestFilter {

        private final CheckListener listener;

        Filter(CheckListener listener) {
            this.listener = listener;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (listener.received(request) && !served(request.getRequestURI())) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
