package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's answer to a signed-in caller the rules refuse. Deny by default also refuses a path or a
 * method that no operation serves; the caller is told that (404, or 405 with {@code Allow}) rather
 * than that their role may not, since a mistyped path is not a missing permission. An operation that
 * exists keeps its 403, so the answer reveals nothing the published OpenAPI description does not.
 */
final class DeniedOperations implements AccessDeniedHandler {

    private final ServedOperations served;

    DeniedOperations(ServedOperations served) {
        this.served = served;
    }

    /** An address under {@code /api/} in any case: the operations' paths are lower case, the rest is not found. */
    static boolean isApiPath(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path != null && path.regionMatches(true, 0, "/api/", 0, "/api/".length());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Set<String> otherMethods = isApiPath(request) ? served.otherMethods(request) : null;
        if (otherMethods == null) {
            ProblemWriter.write(
                    request,
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    "Forbidden",
                    "Your role may not perform this operation.");
        } else if (otherMethods.isEmpty()) {
            ProblemWriter.write(
                    request,
                    response,
                    HttpServletResponse.SC_NOT_FOUND,
                    // the title every other 404 of the service has, the domain's own "Not found"
                    "Not found",
                    "No operation has this path; /api/v1/openapi describes them all.");
        } else {
            response.setHeader("Allow", TakenMethods.allow(otherMethods));
            ProblemWriter.write(
                    request,
                    response,
                    HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "Method Not Allowed",
                    TakenMethods.notTaken(otherMethods));
        }
    }
}
