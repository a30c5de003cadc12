package io.countersign.request;

import io.countersign.shared.ForbiddenException;

/** Separation of duties: a requester decides their own request only when the policy allows self-approval. */
public class SelfApprovalNotAllowed extends ForbiddenException {

    SelfApprovalNotAllowed(String requestId) {
        super("The requester may not decide their own request " + requestId
                + "; its policy does not allow self-approval.");
    }
}
