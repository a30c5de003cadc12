package io.countersign.web.logging;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Adds which access request or grant the call is about (from the path, by the ids' prefixes) to the log
 * context the {@link CallIdFilter} opened; who calls is already there ({@link CallerLogFilter}).
 */
class CallContextInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (Object value : variables.values()) {
                String text = String.valueOf(value);
                if (text.startsWith("req-")) {
                    MDC.put(LogFields.REQUEST_ID, text);
                } else if (text.startsWith("grt-")) {
                    MDC.put(LogFields.GRANT_ID, text);
                }
            }
        }
        return true;
    }
}
