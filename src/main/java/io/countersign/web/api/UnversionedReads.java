package io.countersign.web.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * {@code If-None-Match: *} on a read of one object without versions ({@link ReadOfObject}). The
 * condition fails wherever the object exists (RFC 9110, 13.1.2), and a read whose condition fails is
 * answered 304 without a body, as the reads of objects with versions are ({@link Revised}). Whether the
 * object exists is known only once the read has found it: a read that did not answers its own 404, and
 * the condition is not judged (RFC 9110, 13.2.1). A listed tag names no version such an object has, so
 * it holds and the object is answered.
 */
@RestControllerAdvice(basePackageClasses = UnversionedReads.class)
class UnversionedReads implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return returnType.hasMethodAnnotation(ReadOfObject.class);
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        boolean found = response instanceof ServletServerHttpResponse servlet
                && HttpStatus.valueOf(servlet.getServletResponse().getStatus()).is2xxSuccessful();
        if (read && found && IfNoneMatch.any(IfNoneMatch.sent())) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return null;
        }
        return body;
    }
}
