package io.countersign.request;

/**
 * Where one approval step stands. Steps that have not started yet are {@code PENDING} too (their
 * {@code startedAt} is null); steps that will never run because the request ended are {@code SKIPPED}.
 */
public enum StepStatus {
    PENDING,
    APPROVED,
    REJECTED,
    SKIPPED
}
