package io.countersign.web.api;

import io.countersign.shared.database.BoundedDatabaseCalls;
import io.countersign.web.PageRequests;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a database failure raised before any controller runs (looking up the caller's API token, or
 * the signed-in user a page session belongs to) into the same 503 the controllers answer, instead of
 * the container's 500, on every path (the actuator's endpoints and the pages take a token too); for
 * the access check the answer says access is denied. A page is answered as every other refusal a
 * browser meets, by the error page (a problem document for a script that asks for no HTML), with the
 * same {@code Retry-After}. It wraps the security filters and the access check's lean path, so it is
 * registered just before them, and it wraps the container's error dispatches too, whose failure would
 * otherwise escape as an unhandled exception.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutageFilter {

    /** Spring Security's filter chain is registered at -100, the access check's lean path between the two. */
    static final int BEFORE_SECURITY = -102;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseOutageFilterRegistration(UnavailableAnswers unavailable) {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Filter(unavailable));
        // every path: a bearer token is looked up wherever it is sent, the actuator's and pages' too
        registration.addUrlPatterns("/*");
        registration.setOrder(BEFORE_SECURITY);
        return registration;
    }

    /** The problem Spring MVC would write, with the path as its instance as every other problem has. */
    static Map<String, Object> problem(String path, Throwable failure) {
        boolean check = DatabaseOutage.ACCESS_CHECK_PATH.equals(path);
        ProblemDetail detail = check ? DatabaseOutage.accessCheckProblem(failure) : DatabaseOutage.problem(failure);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank"); // what Spring writes for a problem of no type of its own
        problem.put("title", detail.getTitle());
        problem.put("status", detail.getStatus());
        problem.put("detail", detail.getDetail());
        problem.put("instance", path);
        if (check) {
            problem.put("allowed", false);
        }
        return problem;
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

        /** The error page of a refusal runs the security filters again, which may need the database. */
        @Override
        protected boolean shouldNotFilterErrorDispatch() {
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
                if (PageRequests.isPage(request) && request.getDispatcherType() != DispatcherType.ERROR) {
                    // the error page, which reads nothing from the database; an error dispatch that
                    // failed itself cannot dispatch again, and answers the problem document below
                    request.setAttribute(DatabaseOutage.UNREACHABLE, e);
                    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                    return;
                }
                // without a charset parameter, as every problem is labelled: JSON is UTF-8 by definition
                response.setContentType("application/problem+json");
                response.getOutputStream().write(JSON.writeValueAsBytes(problem(request.getRequestURI(), e)));
            }
        }
    }
}
