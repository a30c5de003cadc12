package io.countersign.notify;

/**
 * {@code PENDING} until an attempt is answered with 2xx ({@code DELIVERED}) or retries run out ({@code
 * DEAD}). A notification that was no longer needed when its turn came (an approval mail for a step
 * that ended, or a request decided, while it waited) is {@code SKIPPED}: nothing failed, so it is no
 * dead letter, and it is kept only as long as a delivered one.
 */
public enum DeliveryState {
    PENDING,
    DELIVERED,
    DEAD,
    SKIPPED
}
