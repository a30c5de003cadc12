package io.countersign.web.api;

import io.countersign.shared.database.BoundedDatabaseCalls;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a database failure raised before any controller runs (looking up the caller's API token)
 * into the same 503 the controllers answer, instead of the container's 500, on every path (the actuator's
 * endpoints and the pages take a token too); for the access check the answer says access is denied. It wraps the security filters and the access check's lean path, so it is
 * registered just before them.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutageFilter {

    /** Spring Security's filter chain is registered at -100, the access check's lean path between the two. */
    static final int BEFORE_SECURITY = -102;

    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
            + "\"detail\":\"" + DatabaseOutage.problem().getDetail() + "\"}";
    private static final String CHECK_PROBLEM =
            "{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503," + "\"detail\":\""
                    + DatabaseOutage.accessCheckProblem().getDetail() + "\",\"allowed\":false}";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseOutageFilterRegistration(UnavailableAnswers unavailable) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Filter(unavailable));
        // every path: a bearer token is looked up wherever it is sent, the actuator's and pages' too
        registration.addUrlPatterns("/*");
        registration.setOrder(BEFORE_SECURITY);
        return registration;
    }

    private static final class Filter extends OncePerRequestFilter {

        private final UnavailableAnswers unavailable;

        Filter(UnavailableAnswers unavailable) {
            this.unavailable = unavailable;
        }

        /** A long poll's answer authenticates its token again (see the bearer filter), which may need the database. */
        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                chain.doFilter(request, response);
            } catch (ServletException | RuntimeException e) {
                if (!BoundedDatabaseCalls.isUnavailability(e) || response.isCommitted()) {
                    throw e;
                }
                unavailable.answered(e);
                response.resetBuffer();
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setHeader("Retry-After", "1");
                // without a charset parameter, as every problem is labelled: JSON is UTF-8 by definition
                response.setContentType("application/problem+json");
                String problem =
                        DatabaseOutage.ACCESS_CHECK_PATH.equals(request.getRequestURI()) ? CHECK_PROBLEM : PROBLEM;
                response.getOutputStream().write(problem.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
