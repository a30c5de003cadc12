package io.countersign.request;

/** The separation-of-duties switches of the governing policy, frozen into the request at creation. */
public record ApprovalRules(boolean allowSelfApproval, boolean distinctApproversAcrossSteps) {

    public static ApprovalRules defaults() {
        return new ApprovalRules(false, true);
    }
}
