package io.countersign.web.pages;

import io.countersign.request.BreakGlassReviews;
import io.countersign.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A reviewer acknowledges a break-glass use from its request page, through the same service and rules
 * as {@code POST /api/v1/requests/{id}/review}: someone who may not see the use gets "Not found", anyone
 * else who may not review it is told why on the page, which changes nothing.
 */
@Controller
class BreakGlassReviewForm {

    private final BreakGlassReviews reviews;

    BreakGlassReviewForm(BreakGlassReviews reviews) {
        this.reviews = reviews;
    }

    @PostMapping("/requests/{id}/review")
    String review(
            Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        FormOutcome.run(redirect, "Review recorded.", () -> reviews.review(actor, id, comment));
        if (comment != null
                && !comment.isBlank()
                && redirect.getFlashAttributes().containsKey("error")) {
            redirect.addFlashAttribute("reviewComment", comment);
        }
        return "redirect:/requests/" + id;
    }
}
