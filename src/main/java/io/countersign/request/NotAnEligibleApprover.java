package io.countersign.request;

import io.countersign.shared.ForbiddenException;

/** The caller is not among the eligible approvers of the step the request is waiting on. */
public class NotAnEligibleApprover extends ForbiddenException {

    private final String username;
    private final int step;

    NotAnEligibleApprover(String username, String requestId, int step) {
        this(username, requestId, step, String.valueOf(step + 1));
    }

    private NotAnEligibleApprover(String username, String requestId, int step, String number) {
        super("'" + username + "' is not an eligible approver of step " + number + " of request " + requestId + ".");
        this.username = username;
        this.step = step;
    }

    /** The same refusal, naming the step of {@code request} as {@code reader} knows it. */
    NotAnEligibleApprover readBy(StepReader reader, AccessRequest request) {
        return new NotAnEligibleApprover(username, request.id(), step, reader.number(request, step));
    }
}
