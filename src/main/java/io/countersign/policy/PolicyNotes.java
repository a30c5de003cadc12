package io.countersign.policy;

import io.countersign.shared.Counted;

/** The one-line audit note of a policy change: enough to see what changed at a glance. */
final class PolicyNotes {

    private PolicyNotes() {}

    static String summary(PolicyDefinition p) {
        var c = p.conditions();
        return (p.enabled() ? "enabled" : "disabled") + ", priority " + p.priority()
                + ", resource " + (c.resourceName() == null ? "any" : "'" + c.resourceName() + "'")
                + ", account " + (c.accountName() == null ? "any" : "'" + c.accountName() + "'")
                + ", " + Counted.of(p.steps().size(), "step");
    }
}
