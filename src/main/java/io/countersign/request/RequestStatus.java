package io.countersign.request;

/** The life of an access request: it starts {@code PENDING} and ends in exactly one of the other states. */
public enum RequestStatus {
    PENDING,
    APPROVED,
    REJECTED,
    CANCELLED,
    EXPIRED;

    public boolean isFinal() {
        return this != PENDING;
    }
}
