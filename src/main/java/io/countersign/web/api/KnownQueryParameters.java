package io.countersign.web.api;

import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Problems;
import io.countersign.web.HandlerParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query parameter the operation does not take is refused, naming it and those the operation takes,
 * before anything runs. Ignored, a misspelt or unsupported filter ({@code /grants?user=carol}) would
 * answer the whole unfiltered list, and a script acting on every item of it would act on everyone's.
 * What an operation takes is read from its handler method's {@link RequestParam}s, so a new parameter
 * is known the moment it is declared. The service's own operations are checked, and the API description
 * springdoc serves under {@code /api/v1/openapi}, which takes no parameter either.
 */
class KnownQueryParameters implements HandlerInterceptor {

    /** What each operation takes; {@link HandlerParameters#ANY} when it binds them all as a map. */
    private final Map<Method, Set<String>> taken = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !(method.getBeanType().getName().startsWith("io.countersign.")
                        || method.getBeanType().getName().startsWith("org.springdoc."))
                || request.getQueryString() == null) {
            return true;
        }
        Set<String> known = taken.computeIfAbsent(method.getMethod(), HandlerParameters::of);
        if (known == HandlerParameters.ANY) {
            return true;
        }
        Problems problems = new Problems();
        for (String name : namesIn(request.getQueryString())) {
            problems.check(
                    known.contains(name),
                    name,
                    "unknown_parameter",
                    known.isEmpty()
                            ? "is not a parameter of this operation, which takes none"
                            : "is not a parameter of this operation, which takes " + String.join(", ", known));
        }
        problems.throwIfAny();
        return true;
    }

    /** The names of the query string, decoded, in their order, each once. */
    private static Set<String> namesIn(String query) {
        Set<String> names = new LinkedHashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String raw = equals < 0 ? pair : pair.substring(0, equals);
            try {
                names.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // already refused as unreadable by the query text check, which runs first
                throw InvalidInputException.of("query", "unreadable_query", "the query string cannot be read");
            }
        }
        return names;
    }
}
