package io.countersign.request;

/**
 * Where the review of a break-glass use stands: waiting within its window, acknowledged by a reviewer
 * (perhaps late), or past its deadline without a review.
 */
public enum BreakGlassReviewStatus {
    PENDING,
    REVIEWED,
    OVERDUE
}
