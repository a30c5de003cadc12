package io.countersign.bundle;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** One audit event for a whole import; the entries it created or replaced get no event of their own. */
public record BundleImported(Actor actor, ImportSummary summary) implements AuditableEvent {

    @Override
    public String action() {
        return "bundle.imported";
    }

    @Override
    public String target() {
        return "bundle";
    }

    @Override
    public String note() {
        return summary.describe();
    }
}
