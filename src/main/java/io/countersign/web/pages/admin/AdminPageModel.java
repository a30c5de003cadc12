package io.countersign.web.pages.admin;

import io.countersign.shared.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What every administration page shows around its content: who is signed in and, for something
 * that does not exist (a user, a group, a webhook), the not-found page rather than a problem document.
 */
@ControllerAdvice(basePackageClasses = AdminPageModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminPageModel {

    /** Read from the security context, not an Actor parameter: the 403 page also serves people not signed in. */
    @ModelAttribute("me")
    String me() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getName();
    }

    @ModelAttribute("errors")
    FormErrors errors() {
        return FormErrors.NONE;
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "pages/not-found";
    }
}
