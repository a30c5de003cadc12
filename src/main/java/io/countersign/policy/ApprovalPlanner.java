package io.countersign.policy;

import io.countersign.inventory.Resource;

/** Decides which policy governs an access request and who must approve it; commits nothing. */
public interface ApprovalPlanner {

    /**
     * @throws io.countersign.shared.NotFoundException when the requester, resource or account is unknown
     * @throws io.countersign.shared.RefusedException with reason {@code no_matching_policy} when no enabled
     *     policy matches (requests fail closed)
     */
    ApprovalPlan plan(String requester, String resource, String account);

    /**
     * {@link #plan} for a resource the caller has read already (under its lock, for a new request).
     *
     * @throws io.countersign.shared.NotFoundException when the requester or account is unknown
     * @throws io.countersign.shared.RefusedException as {@link #plan}
     */
    ApprovalPlan plan(String requester, Resource resource, String account);

    /**
     * The plan for extending a grant of {@code requester} on (resource, account) under the policy that
     * governs it today: the policy's {@code extension.steps}, or its own steps when it has none.
     *
     * @throws io.countersign.shared.NotFoundException as {@link #plan}
     * @throws io.countersign.shared.RefusedException as {@link #plan}
     */
    ApprovalPlan planExtension(String requester, String resource, String account);
}
