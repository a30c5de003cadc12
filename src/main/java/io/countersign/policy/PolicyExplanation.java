package io.countersign.policy;

/**
 * The dry run of a request: with {@code matched}, the plan a request would follow; without, the
 * reason no policy governs it (the same words a real request would be refused with).
 */
public record PolicyExplanation(
        boolean matched, String requester, String resource, String account, ApprovalPlan plan, String refusal) {}
