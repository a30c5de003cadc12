package io.countersign.shared;

/** Where a decision or change came from; the audit log records the same value. */
public enum Channel {
    API,
    WEB,
    EMAIL,
    CHAT,
    SLACK,
    TELEGRAM,
    AUTO,
    SYSTEM
}
