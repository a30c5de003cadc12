package io.countersign.web.pages;

import io.countersign.shared.ForbiddenException;
import io.countersign.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A page for what the signed-in person may not see, rather than the API's problem document. It says
 * "not found" whether the request is missing or somebody else's. The decision links under
 * {@code /actions} answer for themselves and are not covered.
 */
@ControllerAdvice(
        assignableTypes = {
            RequestPages.class,
            ProfilePage.class,
            NewRequestPage.class,
            AllRequestsPage.class,
            AuditLogPage.class,
            ForbiddenPage.class
        },
        basePackages = {
            "io.countersign.web.pages.admin",
            "io.countersign.web.pages.policies",
            "io.countersign.web.pages.mail"
        })
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    /**
     * Who is signed in, for the layout's navigation; read from the security context because the 403
     * page also serves people who are not.
     */
    @ModelAttribute("me")
    String me() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getName();
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "pages/not-found";
    }

    /**
     * An address whose query Tomcat cannot read: the container's error page, which a browser sees as a
     * page saying so and a script as the problem document, rather than the API's problem document
     * whatever asked. The fault is already on the request (Spring Boot's error attributes resolve first).
     */
    @ExceptionHandler(InvalidParameterException.class)
    void unreadable(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    @ExceptionHandler(ForbiddenException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden() {
        return "error/403";
    }
}
