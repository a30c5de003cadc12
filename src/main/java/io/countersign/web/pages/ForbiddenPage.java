package io.countersign.web.pages;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The page shown, with status 403, when a signed-in person opens a page their role does not allow or
 * sends a form without its CSRF token; and with status 404 for an address no page has. The security
 * configuration forwards here for any method.
 */
@Controller
class ForbiddenPage {

    @RequestMapping("/forbidden")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String show() {
        return "error/403";
    }

    @RequestMapping("/not-found")
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "pages/not-found";
    }
}
