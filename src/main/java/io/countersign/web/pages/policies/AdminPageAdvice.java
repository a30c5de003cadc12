package io.countersign.web.pages.policies;

import io.countersign.shared.Actor;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What the policy and mail settings pages share: who is signed in for the layout, and a page rather
 * than the API's problem document for a policy that does not exist or a person who may not be here.
 */
@ControllerAdvice(basePackages = {"io.countersign.web.pages.policies", "io.countersign.web.pages.mail"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminPageAdvice {

    @ModelAttribute("me")
    String me(Actor actor) {
        return actor.username();
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "pages/not-found";
    }

    @ExceptionHandler(ForbiddenException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden() {
        return "pages/not-found";
    }
}
