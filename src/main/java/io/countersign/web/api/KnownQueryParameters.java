package io.countersign.web.api;

import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Problems;
import io.countersign.web.ExpectedValues;
import io.countersign.web.HandlerParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query parameter the operation does not take is refused, naming it and those the operation takes,
 * before anything runs. Ignored, a misspelt or unsupported filter ({@code /grants?user=carol}) would
 * answer the whole unfiltered list, and a script acting on every item of it would act on everyone's.
 * So would a filter given an empty value ({@code ?requester=}, what a script sends when its variable
 * is unset), were it read as left out: one the operation takes is refused too, saying what it takes,
 * whichever type it is read into. What an operation takes is read from its handler method's {@link
 * RequestParam}s, so a new parameter is known the moment it is declared. The service's own operations
 * are checked, and the API description springdoc serves under {@code /api/v1/openapi}, which takes no
 * parameter either.
 */
class KnownQueryParameters implements HandlerInterceptor {

    /** What each operation takes and reads each into; empty when it binds them all as a map. */
    private final Map<Method, Optional<Map<String, Class<?>>>> taken = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !(method.getBeanType().getName().startsWith("io.countersign.")
                        || method.getBeanType().getName().startsWith("org.springdoc."))
                || request.getQueryString() == null) {
            return true;
        }
        Optional<Map<String, Class<?>>> declared =
                taken.computeIfAbsent(method.getMethod(), m -> Optional.ofNullable(HandlerParameters.typesOf(m)));
        if (declared.isEmpty()) {
            return true;
        }
        Map<String, Class<?>> known = declared.get();
        Problems problems = new Problems();
        parametersIn(request.getQueryString()).forEach((name, empty) -> {
            if (!known.containsKey(name)) {
                problems.add(
                        name,
                        "unknown_parameter",
                        known.isEmpty()
                                ? "is not a parameter of this operation, which takes none"
                                : "is not a parameter of this operation, which takes "
                                        + String.join(", ", known.keySet()));
            } else if (empty) {
                refuseEmpty(problems, name, known.get(name));
            }
        });
        problems.throwIfAny();
        return true;
    }

    /**
     * An empty value is refused rather than read as left out: some lists read an empty cursor as a
     * first page and an empty limit as every row unpaged, and every filter as no filter at all.
     */
    private static void refuseEmpty(Problems problems, String name, Class<?> type) {
        if (name.equals("cursor")) {
            problems.add(
                    name,
                    "invalid_cursor",
                    "must be a nextCursor this service returned, or be left out for the first page");
            return;
        }
        // a limit is a number even where the operation reads the text itself, to word its own range
        Class<?> read = name.equals("limit") ? Integer.class : type;
        problems.add(name, "invalid_value", read == String.class ? "must not be empty" : ExpectedValues.mustBe(read));
    }

    /** The names of the query string, decoded, in their order, each once, with whether one of its values is empty. */
    private static Map<String, Boolean> parametersIn(String query) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String raw = equals < 0 ? pair : pair.substring(0, equals);
            boolean empty = equals < 0 || equals == pair.length() - 1;
            try {
                names.merge(URLDecoder.decode(raw, StandardCharsets.UTF_8), empty, Boolean::logicalOr);
            } catch (IllegalArgumentException e) {
                // already refused as unreadable by the query text check, which runs first
                throw InvalidInputException.of("query", "unreadable_query", "the query string cannot be read");
            }
        }
        return names;
    }
}
