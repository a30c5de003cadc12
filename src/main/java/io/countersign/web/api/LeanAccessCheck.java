package io.countersign.web.api;

import io.countersign.grant.AccessDecision;
import io.countersign.security.AccessCheckCallers;
import io.countersign.security.ApiAnswerHeaders;
import io.countersign.security.CountersignPrincipal;
import io.countersign.shared.Actor;
import io.countersign.shared.InvalidInputException;
import io.countersign.web.logging.CallerLogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access check's lean path. Enforcement points ask on every connection, and on the full path the
 * security filter chain's firewall and matchers and Spring MVC's mapping cost far more than the check.
 * This filter answers the ordinary check itself: a GET of exactly {@link AccessCheckCallers#PATH}, one
 * bearer token of a role that may ask, no parameters but {@code user}, {@code resource} and {@code
 * account} (each at most once), and an answer in JSON. Everything else, and every check that is refused
 * or invalid, goes on down the full path unchanged, which answers it as it always has; while the
 * database is out of reach it answers as the full path does. Registered after the filters that give a
 * call its id, its timer, its body cap and its outage answer, just before the security filter chain.
 */
@Configuration(proxyBeanMethods = false)
class LeanAccessCheck {

    private static final int JUST_BEFORE_SECURITY = DatabaseOutageFilter.BEFORE_SECURITY + 1;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> leanAccessCheckRegistration(
            AccessCheckCallers callers,
            AccessCheck check,
            ApiAnswerHeaders headers,
            JsonMapper json,
            MeterRegistry meters) {
        Counter answered = Counter.builder("countersign.access.check.lean.answers")
                .description("Access checks answered by the lean path, before the security filter chain")
                .register(meters);
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(new Filter(callers, check, headers, json, answered));
        registration.addUrlPatterns(AccessCheckCallers.PATH);
        registration.setOrder(JUST_BEFORE_SECURITY);
        return registration;
    }

    private static final class Filter extends OncePerRequestFilter {

        private static final Set<String> PARAMETERS = Set.of("user", "resource", "account");
        // what Spring MVC answers with application/json, as the lean path does; any other Accept goes on
        private static final Set<String> ACCEPTS = Set.of("*/*", MediaType.APPLICATION_JSON_VALUE);

        private final AccessCheckCallers callers;
        private final AccessCheck check;
        private final ApiAnswerHeaders headers;
        private final JsonMapper json;
        private final Counter answered;

        Filter(
                AccessCheckCallers callers,
                AccessCheck check,
                ApiAnswerHeaders headers,
                JsonMapper json,
                Counter answered) {
            this.callers = callers;
            this.check = check;
            this.headers = headers;
            this.json = json;
            this.answered = answered;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!ordinary(request)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<CountersignPrincipal> caller;
            try {
                caller = callers.recognise(request);
            } catch (RuntimeException e) {
                // the token's look-up failed as it would have in the filter chain: with the chain's headers,
                // and answered by the outage filter around both
                headers.around(request, response, (req, res) -> {
                    throw e;
                });
                return;
            }
            if (caller.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            Actor actor = caller.get().toActor(request.getRemoteAddr());
            CallerLogContext.caller(actor.username());
            // what Spring MVC's mapping would set: the call is timed under the same uri tag
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(context -> context.setPathPattern(AccessCheckCallers.PATH));
            AccessDecision decision;
            try {
                decision = check.ask(
                        actor,
                        request.getParameter("user"),
                        request.getParameter("resource"),
                        request.getParameter("account"));
            } catch (RuntimeException e) {
                if (AccessCheck.isOutage(e)) {
                    // asking again on the full path would make the caller wait for the database twice
                    headers.around(
                            request, response, (req, res) -> writeUnavailable(request, (HttpServletResponse) res, e));
                    return;
                }
                // refused or invalid: the full path asks again and answers as it always has
                request.setAttribute(AccessCheck.ASKED, Boolean.TRUE);
                chain.doFilter(request, response);
                return;
            }
            answered.increment();
            byte[] body = json.writeValueAsBytes(decision);
            headers.around(
                    request,
                    response,
                    (req, res) -> write((HttpServletResponse) res, MediaType.APPLICATION_JSON_VALUE, body));
        }

        /** Only what the lean path positively recognises; anything unusual takes the full path. */
        private static boolean ordinary(HttpServletRequest request) {
            if (!"GET".equals(request.getMethod())
                    || !request.getContextPath().isEmpty()
                    || !AccessCheckCallers.PATH.equals(request.getRequestURI())) {
                return false;
            }
            // a condition is judged (or refused as unreadable) by the full path, as on every operation
            if (request.getHeader(HttpHeaders.IF_MATCH) != null
                    || request.getHeader(HttpHeaders.IF_NONE_MATCH) != null) {
                return false;
            }
            List<String> accept = Collections.list(request.getHeaders("Accept"));
            if (accept.size() > 1 || (accept.size() == 1 && !ACCEPTS.contains(accept.get(0)))) {
                return false;
            }
            Map<String, String[]> parameters;
            try {
                parameters = QueryParameters.of(request);
            } catch (InvalidInputException e) {
                return false; // a query that cannot be decoded: the full path refuses it after authentication
            }
            for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
                // a repeated parameter reaches the controller joined with commas: the full path's business
                if (!PARAMETERS.contains(parameter.getKey()) || parameter.getValue().length != 1) {
                    return false;
                }
            }
            return true;
        }

        /** {@link AccessCheck#unavailable} as Spring MVC writes it, the request's path as the instance. */
        private void writeUnavailable(
                HttpServletRequest request, HttpServletResponse response, RuntimeException failure) throws IOException {
            ResponseEntity<ProblemDetail> answer = AccessCheck.unavailable(failure);
            ProblemDetail problem = answer.getBody();
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(answer.getStatusCode().value());
            answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            write(response, MediaType.APPLICATION_PROBLEM_JSON_VALUE, json.writeValueAsBytes(problem));
        }

        private static void write(HttpServletResponse response, String contentType, byte[] body) throws IOException {
            response.setContentType(contentType);
            // no Content-Length: as on the full path, the answer is sent when the call ends, after its log line
            response.getOutputStream().write(body);
        }
    }
}
