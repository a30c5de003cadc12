package io.countersign.web.api;

import io.countersign.web.DecisionLinkPaths;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A problem document answering a decision link (a form sent as JSON, a failure while the page was
 * shown) leaves out {@code instance}: Spring fills it with the path, and the token in that path is the
 * link's only credential. The caller knows which address it asked.
 */
@RestControllerAdvice
class DecisionLinkProblems implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem
                && request instanceof ServletServerHttpRequest servlet
                && DecisionLinkPaths.isDecisionLink(servlet.getServletRequest())) {
            problem.setInstance(null);
        }
        return body;
    }
}
