package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * An {@code If-Match} sent to an operation whose object carries no version. A listed tag can only
 * match a current tag, and such an object has none, so the condition is false (RFC 9110, 13.1.1):
 * the call is refused with 412 rather than carried out as if the caller had not made it conditional,
 * which would let a write they meant to guard overwrite someone else's. {@code *} holds, since the
 * operation answers 404 itself when its object does not exist. Operations with versions read the
 * header themselves ({@link Revised}) and are left to it.
 */
class UnversionedPreconditions implements HandlerInterceptor {

    private final Map<Method, Boolean> versioned = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
        if (ifMatch == null
                || ifMatch.isBlank()
                || ifMatch.strip().equals("*")
                || !(handler instanceof HandlerMethod method)
                || versioned.computeIfAbsent(method.getMethod(), key -> Revised.takesIfMatch(method))) {
            return true;
        }
        throw new StaleVersion("This object carries no version, so an If-Match naming one cannot hold; send the"
                + " call without If-Match (or with If-Match: *). Nothing was changed.");
    }
}
