package io.countersign.web.api;

import io.countersign.shared.InvalidInputException;
import java.lang.reflect.Type;
import java.util.Collection;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A body of literally {@code null} is well-formed JSON of the wrong shape. Read, it is no body at
 * all, which Spring would answer as a missing one, worded as malformed JSON; the caller is told the
 * shape the operation takes instead.
 */
@ControllerAdvice
class NullBody extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        RequestBody annotation = parameter.getParameterAnnotation(RequestBody.class);
        return annotation != null
                && annotation.required()
                && AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (body != null) {
            return body;
        }
        Class<?> target = ResolvableType.forType(targetType).toClass();
        boolean list = target.isArray() || Collection.class.isAssignableFrom(target);
        throw InvalidInputException.of(
                "body", "invalid_type", "the request body must be " + (list ? "a JSON array" : "a JSON object"));
    }
}
