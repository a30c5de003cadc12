package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.RequestPath;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Whether a controller or an actuator endpoint serves a refused request's path and method, so that a
 * refusal can say "no such page or operation" rather than "not allowed" when that is the truth. Every
 * mapping is asked in the dispatcher's order, the actuator's too: a health probe's path takes GET as a
 * controller's does. Asked only after the rules have refused the request: it never lets anything
 * through.
 */
final class ServedOperations {

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

    ServedOperations(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * {@code null} when a controller serves this method and path (or it cannot be told); otherwise the
     * methods the path takes, HEAD and OPTIONS included ({@link TakenMethods}), none when no controller
     * has the path.
     */
    Set<String> otherMethods(HttpServletRequest request) {
        List<RequestMappingInfoHandlerMapping> all = mappings.orderedStream().toList();
        if (all.isEmpty()) {
            return null;
        }
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : null;
        ServletRequestPathUtils.parseAndCache(request);
        try {
            for (RequestMappingInfoHandlerMapping mapping : all) {
                Set<String> methods = otherMethods(mapping, request);
                if (methods == null || !methods.isEmpty()) {
                    return methods;
                }
            }
            return Set.of();
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
        }
    }

    /** As {@link #otherMethods(HttpServletRequest)}, for one mapping: none when it has not the path. */
    private static Set<String> otherMethods(RequestMappingInfoHandlerMapping mapping, HttpServletRequest request) {
        try {
            HandlerExecutionChain handler = mapping.getHandler(request);
            return handler == null || isErrorPage(handler) ? Set.of() : null;
        } catch (HttpRequestMethodNotSupportedException e) {
            Set<String> methods = new TreeSet<>();
            Set<HttpMethod> supported = e.getSupportedHttpMethods();
            if (supported != null) {
                supported.forEach(method -> methods.add(method.name()));
            }
            return methods.isEmpty() ? null : TakenMethods.withImplied(methods);
        } catch (Exception e) {
            // the method and path are served; what else the request lacks is the controller's to say
            return null;
        }
    }

    /** The error page renders the container's error dispatches; it is no address of its own. */
    private static boolean isErrorPage(HandlerExecutionChain handler) {
        return handler.getHandler() instanceof HandlerMethod method
                && ErrorController.class.isAssignableFrom(method.getBeanType());
    }
}
