package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A JSON body is sent as {@code application/json}, its charset as {@link Utf8Bodies} says, or is
 * refused with 415 before anything reads it. The JSON reader would take any {@code application/*+json}
 * too, but such a type promises what the operation does not do: a {@code merge-patch+json} body would
 * replace a whole object, and a problem document is an answer, not a request. A wildcard
 * ({@code *}{@code /*}, {@code application/*}) names no type at all, and Spring MVC failed (500) adding
 * the request's character encoding to it before reading. An operation naming the types it takes
 * ({@code consumes}, as the import does) is matched against them by Spring MVC.
 */
class JsonBodyType implements HandlerInterceptor {

    /*
     * Whether an operation reads JSON is fixed by its method's annotations, but finding the merged
     * mapping took about 2 % of a request thread's CPU when looked up on every call. Spring MVC hands
     * out a new HandlerMethod per call, so the answer is kept per Java method: a bounded set that
     * never changes while the service runs.
     */
    private final Map<Method, Boolean> readsJson = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotSupportedException {
        String sent = request.getContentType();
        if (sent == null
                || !(handler instanceof HandlerMethod operation)
                || !readsJson.computeIfAbsent(operation.getMethod(), method -> readsJson(operation))) {
            return true;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(sent);
        } catch (InvalidMediaTypeException unreadable) {
            return true; // refused by Spring MVC as it reads the body, saying why
        }
        if (!MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            throw new HttpMediaTypeNotSupportedException(
                    type, List.of(MediaType.APPLICATION_JSON), HttpMethod.valueOf(request.getMethod()));
        }
        return true;
    }

    private static boolean readsJson(HandlerMethod operation) {
        RequestMapping mapping =
                AnnotatedElementUtils.findMergedAnnotation(operation.getMethod(), RequestMapping.class);
        return (mapping == null || mapping.consumes().length == 0)
                && Arrays.stream(operation.getMethodParameters())
                        .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
    }
}
