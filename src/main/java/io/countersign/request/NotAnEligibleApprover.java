package io.countersign.request;

import io.countersign.shared.ForbiddenException;

/** The caller is not among the eligible approvers of the step the request is waiting on. */
public class NotAnEligibleApprover extends ForbiddenException {

    NotAnEligibleApprover(String username, String requestId, int step) {
        super("'" + username + "' is not an eligible approver of step " + (step + 1) + " of request " + requestId
                + ".");
    }
}
