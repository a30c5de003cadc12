package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * Notes on a request that its operation was called, every argument read. Whatever refuses how the
 * call was sent (its {@code Accept}, its {@code Content-Type}, its query, a body that cannot be read)
 * does so before, and changed nothing: {@link IdempotentDecisionFilter} remembers only what an
 * operation that ran answered, so a call sent again properly with the same key runs.
 */
@Component
class OperationCalls implements WebMvcRegistrations {

    private static final String CALLED = OperationCalls.class.getName() + ".called";

    static boolean called(HttpServletRequest request) {
        return request.getAttribute(CALLED) != null;
    }

    @Override
    public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
        return new RequestMappingHandlerAdapter() {
            @Override
            protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod operation) {
                return new ServletInvocableHandlerMethod(operation) {
                    @Override
                    protected Object doInvoke(Object... arguments) throws Exception {
                        RequestContextHolder.currentRequestAttributes()
                                .setAttribute(CALLED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
                        return super.doInvoke(arguments);
                    }
                };
            }
        };
    }
}
