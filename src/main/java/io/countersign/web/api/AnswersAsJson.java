package io.countersign.web.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Labels every API answer that is not a refusal {@code application/json}, whatever {@code +json} type
 * the caller asked for. The JSON converter offers any {@code application/*+json}, so content
 * negotiation took a client's {@code Accept: application/problem+json} (sent to have refusals as problem
 * documents) at its word and labelled successes as problems, and a client that tells the two apart by
 * the media type took its answers for refusals. Refusals keep {@code application/problem+json}.
 */
@RestControllerAdvice(basePackageClasses = AnswersAsJson.class)
class AnswersAsJson implements ResponseBodyAdvice<Object> {

    private static final String JSON_SUFFIX = "json";

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
        if (JSON_SUFFIX.equals(selectedContentType.getSubtypeSuffix())
                && response instanceof ServletServerHttpResponse servlet
                && servlet.getServletResponse().getStatus() < 400) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        }
        return body;
    }
}
