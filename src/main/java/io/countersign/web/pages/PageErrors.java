package io.countersign.web.pages;

import io.countersign.shared.Actor;
import io.countersign.shared.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A page for what the signed-in person may not see, rather than the API's problem document. It says
 * "not found" whether the request is missing or somebody else's.
 */
@ControllerAdvice(
        assignableTypes = {
            RequestPages.class,
            ProfilePage.class,
            NewRequestPage.class,
            AllRequestsPage.class,
            AuditLogPage.class
        })
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    /** Who is signed in, for the layout's navigation. */
    @ModelAttribute("me")
    String me(Actor actor) {
        return actor.username();
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "pages/not-found";
    }
}
