package io.countersign.policy;

/** The one-line audit note of a policy change: enough to see what changed at a glance. */
final class PolicyNotes {

    private PolicyNotes() {}

    static String summary(PolicyDefinition p) {
        var c = p.conditions();
        return (p.enabled() ? "enabled" : "disabled") + ", priority " + p.priority()
                + ", resource " + (c.resourceName() == null ? "any" : "'" + c.resourceName() + "'")
                + ", account " + (c.accountName() == null ? "any" : "'" + c.accountName() + "'")
                + ", " + p.steps().size() + " step" + (p.steps().size() == 1 ? "" : "s");
    }
}
