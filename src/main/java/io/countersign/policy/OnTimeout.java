package io.countersign.policy;

/** What happens when a step's timeout passes with the step still pending. */
public enum OnTimeout {
    REJECT,
    ESCALATE
}
