package io.countersign.request;

public enum Verdict {
    APPROVE,
    REJECT
}
