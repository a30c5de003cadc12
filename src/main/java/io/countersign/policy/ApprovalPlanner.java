package io.countersign.policy;

/** Decides which policy governs an access request and who must approve it; commits nothing. */
public interface ApprovalPlanner {

    /**
     * @throws io.countersign.shared.NotFoundException when the requester, resource or account is unknown
     * @throws io.countersign.shared.RefusedException with reason {@code no_matching_policy} when no enabled
     *     policy matches (requests fail closed)
     */
    ApprovalPlan plan(String requester, String resource, String account);
}
