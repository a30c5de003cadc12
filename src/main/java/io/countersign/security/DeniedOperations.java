package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.RequestPath;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The API's answer to a signed-in caller the rules refuse. Deny by default also refuses a path or a
 * method that no operation serves; the caller is told that (404, or 405 with {@code Allow}) rather
 * than that their role may not, since a mistyped path is not a missing permission. An operation that
 * exists keeps its 403, so the answer reveals nothing the published OpenAPI description does not.
 */
final class DeniedOperations implements AccessDeniedHandler {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    DeniedOperations(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Set<String> otherMethods = request.getRequestURI().startsWith("/api/") ? otherMethods(request) : null;
        if (otherMethods == null) {
            ProblemWriter.write(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "Forbidden",
                    "Your role may not perform this operation.");
        } else if (otherMethods.isEmpty()) {
            ProblemWriter.write(
                    response,
                    HttpServletResponse.SC_NOT_FOUND,
                    "Not Found",
                    "No operation has this path; /api/v1/openapi describes them all.");
        } else {
            response.setHeader("Allow", String.join(", ", otherMethods));
            ProblemWriter.write(
                    response,
                    HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "Method Not Allowed",
                    "This path does not take that method; it takes " + String.join(", ", otherMethods) + ".");
        }
    }

    /**
     * {@code null} when an operation serves this method and path; otherwise the methods the path takes,
     * none when no operation has the path.
     */
    private Set<String> otherMethods(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
        if (mapping == null) {
            return null;
        }
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : null;
        ServletRequestPathUtils.parseAndCache(request);
        try {
            return mapping.getHandler(request) == null ? Set.of() : null;
        } catch (HttpRequestMethodNotSupportedException e) {
            Set<String> methods = new TreeSet<>();
            Set<HttpMethod> supported = e.getSupportedHttpMethods();
            if (supported != null) {
                supported.forEach(method -> methods.add(method.name()));
            }
            return methods.isEmpty() ? null : methods;
        } catch (Exception e) {
            // the method and path are served; what else the request lacks is the operation's to say
            return null;
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
        }
    }
}
