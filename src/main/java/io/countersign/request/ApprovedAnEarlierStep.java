package io.countersign.request;

import io.countersign.shared.ForbiddenException;

/** Separation of duties: with distinct approvers across steps, one person cannot satisfy two steps. */
public class ApprovedAnEarlierStep extends ForbiddenException {

    ApprovedAnEarlierStep(String username, String requestId, int earlierStep) {
        super("'" + username + "' approved step " + (earlierStep + 1) + " of request " + requestId
                + " and may not approve a later step; its policy requires distinct approvers across steps.");
    }
}
