package io.countersign.web;

import io.countersign.security.TakenMethods;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

/**
 * {@code TRACE} is refused everywhere, by Tomcat, before any filter runs and whoever asks: it would echo
 * the request, its credentials included, back to a script that made it. Tomcat's {@code Allow} names what
 * the dispatcher servlet could take anywhere; the error dispatch that renders the refusal replaces it with
 * what the refused path takes, as any other {@code 405} says: none where nothing is served, and on the
 * check listener only what is served there.
 */
@Configuration(proxyBeanMethods = false)
class RefusedTraces {

    @Bean
    FilterRegistrationBean<Filter> refusedTracesRegistration(TakenMethods taken, CheckListener listener) {
        Filter filter = (request, response, chain) -> {
            if (request instanceof HttpServletRequest http
                    && response instanceof HttpServletResponse answer
                    && "TRACE".equals(arrived(http).getMethod())
                    && answer.getStatus() == HttpServletResponse.SC_METHOD_NOT_ALLOWED
                    && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
                answer.setHeader(HttpHeaders.ALLOW, TakenMethods.allow(methods(http, path, taken, listener)));
            }
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The request Tomcat received: its error dispatch is a GET, whatever method was refused. */
    private static HttpServletRequest arrived(HttpServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner instanceof HttpServletRequest http ? http : request;
    }

    private static Set<String> methods(
            HttpServletRequest request, String path, TakenMethods taken, CheckListener listener) {
        if (listener.received(request) && !CheckListenerGate.served(path)) {
            return Set.of();
        }
        return taken.of(new RefusedRequest(request, path));
    }

    /** The refused request as it arrived, rather than as the error page's dispatch. */
    private static final class RefusedRequest extends HttpServletRequestWrapper {

        private final String path;

        RefusedRequest(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String getMethod() {
            return "TRACE";
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public String getRequestURI() {
            return path;
        }

        @Override
        public String getServletPath() {
            return path.substring(getContextPath().length());
        }

        @Override
        public String getPathInfo() {
            return null;
        }
    }
}
