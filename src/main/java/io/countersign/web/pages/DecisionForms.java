package io.countersign.web.pages;

import io.countersign.shared.InvalidInputException;
import io.countersign.web.PageRequests;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What a decision form on the request and approvals pages must hold to decide anything: sent as a
 * form, naming the step the page showed. A form without it (a script's, a tampered one) is refused
 * rather than taken to mean whatever step the request has reached meanwhile.
 */
final class DecisionForms {

    private DecisionForms() {}

    /**
     * The step the page showed.
     *
     * @throws InvalidInputException when the body is not a form or names no step; nothing is decided
     */
    static int shownStep(HttpServletRequest request, Integer step) {
        String type = request.getContentType();
        if (type != null && !PageRequests.isForm(type)) {
            throw InvalidInputException.of(
                    "body", "unreadable", "a decision is sent as the page's form, and this body was no form");
        }
        if (step == null) {
            throw InvalidInputException.of(
                    "step",
                    "required",
                    "the form names no step to decide; open the request again and decide the step it shows");
        }
        return step;
    }
}
