package io.countersign.web.api;

import io.countersign.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Query parameters and path segments are text fields too: they reach the database and come back in
 * error messages. Every one goes through the same check as a body field (at most
 * {@value #MAX_LENGTH} characters, no control characters, no unpaired surrogates, given once) before a
 * controller sees it. Runs after authentication, so an anonymous caller learns nothing from it.
 */
class QueryTextInterceptor implements HandlerInterceptor {

    static final int MAX_LENGTH = 1024;

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Problems problems = new Problems();
        QueryParameters.of(request).forEach((name, values) -> {
            problems.maxLength(name, "query", MAX_LENGTH);
            // every parameter of the API takes one value
            problems.givenOnce(values, name);
            for (String value : values) {
                problems.maxLength(value, name, MAX_LENGTH);
            }
        });
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach(
                    (name, value) -> problems.maxLength(String.valueOf(value), String.valueOf(name), MAX_LENGTH));
        }
        problems.throwIfAny();
        return true;
    }
}
