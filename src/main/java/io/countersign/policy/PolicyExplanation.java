package io.countersign.policy;

/**
 * The dry run of a request: with {@code matched}, the plan a request would follow; without, the
 * reason no policy governs it. {@code refusal} holds the words a real request would be refused with:
 * that no policy governs it, or, under a plan too few people could approve, its problems.
 */
public record PolicyExplanation(
        boolean matched, String requester, String resource, String account, ApprovalPlan plan, String refusal) {}
