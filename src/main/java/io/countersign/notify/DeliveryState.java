package io.countersign.notify;

/** {@code PENDING} until an attempt is answered with 2xx ({@code DELIVERED}) or retries run out ({@code DEAD}). */
public enum DeliveryState {
    PENDING,
    DELIVERED,
    DEAD
}
