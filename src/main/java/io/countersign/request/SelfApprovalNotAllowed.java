package io.countersign.request;

import io.countersign.shared.ForbiddenException;

/** Separation of duties: a requester decides their own request only when the policy allows self-approval. */
public class SelfApprovalNotAllowed extends ForbiddenException {

    private SelfApprovalNotAllowed(String message) {
        super(message);
    }

    /** The requester asked to decide their own request under a policy that forbids self-approval. */
    static SelfApprovalNotAllowed forRequester(String requestId) {
        return new SelfApprovalNotAllowed("The requester may not decide their own request " + requestId
                + "; its policy does not allow self-approval.");
    }

    /** A delegate asked to decide, for someone else, the request they made themself. */
    static SelfApprovalNotAllowed delegatesOwn(String delegate, String delegator, String requestId) {
        return new SelfApprovalNotAllowed("'" + delegate + "' asked for request " + requestId
                + " and may not decide it on behalf of '" + delegator + "': a delegate never decides their own"
                + " request, whatever its policy says of self-approval.");
    }

    /** A delegate asked to decide the delegator's own request under a policy that forbids self-approval. */
    static SelfApprovalNotAllowed forTheRequester(String delegate, String delegator, String requestId) {
        return new SelfApprovalNotAllowed("'" + delegate + "' may not decide request " + requestId + " on behalf of '"
                + delegator + "', who asked for it; its policy does not allow self-approval.");
    }
}
