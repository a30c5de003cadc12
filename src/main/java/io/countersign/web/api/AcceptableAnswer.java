package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * An {@code Accept} header that admits nothing the operation answers is refused before the operation
 * runs. Spring MVC compares the two only when it writes the answer, after the operation has changed
 * what it changes, so a client sending {@code Accept: text/html} was refused a user it had just
 * created. The types are the ones Spring MVC would offer for the operation's answer, or those it
 * names ({@code produces}), read as {@link AcceptedTypes} reads them: Spring MVC matches the latter
 * before the operation runs but takes no account of a range of quality 0. An operation that writes
 * its own answer (a stream) checks its type itself; one that writes none is not asked.
 */
class AcceptableAnswer implements HandlerInterceptor {

    private static final HeaderContentNegotiationStrategy HEADER = new HeaderContentNegotiationStrategy();
    private static final List<Class<?>> WRAPPERS =
            List.of(HttpEntity.class, DeferredResult.class, Callable.class, CompletionStage.class);
    // no body (an OPTIONS answer is headers only), or one the operation writes itself
    private static final List<Class<?>> NOT_NEGOTIATED =
            List.of(void.class, Void.class, HttpHeaders.class, StreamingResponseBody.class, ResponseBodyEmitter.class);

    private final Supplier<List<HttpMessageConverter<?>>> converters;
    /*
     * The types an operation answers follow from its method's return type and the converters, neither
     * of which changes once the service has started; asking every converter again on each call took
     * about 2 % of a request thread's CPU. Spring MVC hands out a new HandlerMethod per call, so they
     * are kept per Java method.
     */
    private final Map<Method, List<MediaType>> answers = new ConcurrentHashMap<>();

    AcceptableAnswer(Supplier<List<HttpMessageConverter<?>>> converters) {
        this.converters = converters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        if (!(handler instanceof HandlerMethod operation)) {
            return true;
        }
        List<MediaType> answered = answeredBy(operation, request);
        if (answered.isEmpty()) {
            return true;
        }
        List<MediaType> accepted = HEADER.resolveMediaTypes(new ServletWebRequest(request));
        if (answered.stream().noneMatch(type -> AcceptedTypes.quality(accepted, type) > 0)) {
            throw new HttpMediaTypeNotAcceptableException(answered);
        }
        return true;
    }

    /** The types the operation may answer; none when it writes its own answer or none at all. */
    private List<MediaType> answeredBy(HandlerMethod operation, HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) instanceof Set<?> named) {
            return named.stream().map(MediaType.class::cast).toList();
        }
        return answers.computeIfAbsent(operation.getMethod(), method -> negotiated(operation));
    }

    private List<MediaType> negotiated(HandlerMethod operation) {
        Class<?> answer = answerOf(operation);
        if (NOT_NEGOTIATED.stream().anyMatch(type -> type.isAssignableFrom(answer))) {
            return List.of();
        }
        return converters.get().stream()
                .filter(converter -> converter.canWrite(answer, null))
                .flatMap(converter -> converter.getSupportedMediaTypes(answer).stream())
                .toList();
    }

    /** What the operation answers, out of the entity, deferred result or future it comes in. */
    private static Class<?> answerOf(HandlerMethod operation) {
        ResolvableType type = ResolvableType.forMethodParameter(operation.getReturnType());
        for (Class<?> wrapper = wrapperOf(type); wrapper != null; wrapper = wrapperOf(type)) {
            type = type.as(wrapper).getGeneric(0);
        }
        return type.toClass();
    }

    private static Class<?> wrapperOf(ResolvableType type) {
        return WRAPPERS.stream()
                .filter(wrapper -> wrapper.isAssignableFrom(type.toClass()))
                .findFirst()
                .orElse(null);
    }
}
