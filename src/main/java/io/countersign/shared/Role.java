package io.countersign.shared;

/** The tool role of an identity: what it may do in Countersign itself. */
public enum Role {
    ADMIN,
    AUDITOR,
    USER,
    ENFORCER
}
