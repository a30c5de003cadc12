package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Conditions sent to an operation whose object carries no version. A listed tag in {@code If-Match}
 * can only match a current tag, and such an object has none, so the condition is false (RFC 9110,
 * 13.1.1): the call is refused with 412 rather than carried out as if the caller had not made it
 * conditional, which would let a write they meant to guard overwrite someone else's. {@code *} holds,
 * since the operation answers 404 itself when its object does not exist.
 *
 * <p>{@code If-None-Match: *} on a {@code PUT}, a {@code DELETE} or a {@code POST} that acts on an object
 * ({@link ActionOnObject}) asks that nothing exist there, and these operations only change, remove or act
 * on what exists (none creates): it is refused with 412 before anything runs, whether the object exists
 * or not, so the answer tells nothing of it either. A listed tag there
 * names no version such an object has, so it holds. Operations with versions read both headers
 * themselves ({@link Revised}) and are left to it.
 */
class UnversionedPreconditions implements HandlerInterceptor {

    private static final Set<String> CHANGES = Set.of("PUT", "DELETE");

    private final Map<Method, Boolean> versioned = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || versioned.computeIfAbsent(method.getMethod(), key -> Revised.takesIfMatch(method))) {
            return true;
        }
        String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
            throw new StaleVersion("This object carries no version, so an If-Match naming one cannot hold; send the"
                    + " call without If-Match (or with If-Match: *). Nothing was changed.");
        }
        String ifNoneMatch = String.join(",", Collections.list(request.getHeaders(HttpHeaders.IF_NONE_MATCH)));
        if ((CHANGES.contains(request.getMethod()) || method.hasMethodAnnotation(ActionOnObject.class))
                && IfNoneMatch.any(ifNoneMatch)) {
            throw new StaleVersion("If-None-Match: * asks that nothing exist here, and this call only changes,"
                    + " removes or acts on what exists; send it without If-None-Match. Nothing was changed.");
        }
        return true;
    }
}
