package io.countersign.web.api;

import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Labels the container's own error answers (a method it does not allow, a path the firewall refuses)
 * {@code application/problem+json}, as every other refusal is: {@link ProblemErrorAttributes} gives
 * them a problem document's fields, but Spring Boot's error controller would send them as plain JSON,
 * and a client that tells errors apart by their media type would take them for answers.
 */
@RestControllerAdvice(assignableTypes = BasicErrorController.class)
class ErrorAnswersAsProblems implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (MediaType.APPLICATION_JSON.isCompatibleWith(selectedContentType)) {
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return body;
    }
}
