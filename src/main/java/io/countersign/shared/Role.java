package io.countersign.shared;

/** The tool role of an identity: what it may do in Countersign itself. */
public enum Role {
    ADMIN,
    AUDITOR,
    USER,
    ENFORCER;

    /** Whether an active identity with this role may approve requests. */
    public boolean approves() {
        return this == USER || this == ADMIN;
    }
}
