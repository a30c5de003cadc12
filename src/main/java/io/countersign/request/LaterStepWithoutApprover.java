package io.countersign.request;

import io.countersign.shared.ConflictException;

/**
 * Under distinct approvers across steps, an approval that would leave a later step fewer people who
 * may still approve it than it needs: recorded, it would end a request that could still complete, so
 * it is refused before anything changes.
 */
public class LaterStepWithoutApprover extends ConflictException {

    LaterStepWithoutApprover(String requestId, int current, int stranded) {
        super("Approving step " + (current + 1) + " of request " + requestId + " would leave step "
                + (stranded + 1) + " without an approver other than the people who already decided; its policy"
                + " requires distinct approvers across steps. Another approver of step " + (current + 1)
                + " may approve it, or you may reject it.");
    }
}
