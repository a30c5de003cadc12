package io.countersign.web.pages;

import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.web.DecisionLinkPaths;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * A browser that follows a decision link the page does not take (a slash or {@code ;…} added to it,
 * another method, an address that cannot be read) is refused with the link's own page, saying that
 * nothing was decided, rather than the signed-in pages' "Not allowed" or a bare error: its reader came
 * from a mail, not from Countersign. The status stays the container's.
 */
@Component
class DecisionLinkErrorPage implements ErrorViewResolver, Ordered {

    static final String FAILED =
            "Countersign could not open this link just now; nothing was decided. Try it again in a few minutes.";

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        if (!DecisionLinkPaths.isDecisionLink(request)) {
            return null;
        }
        ModelAndView page = new ModelAndView("actions/outcome", status);
        page.addObject("title", RefusalText.NOTHING_DECIDED);
        page.addObject("message", status.is5xxServerError() ? FAILED : RefusalText.of(Reason.UNKNOWN));
        return page;
    }

    /** Before Spring Boot's own resolver, which would find {@code error/403.html} first. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
