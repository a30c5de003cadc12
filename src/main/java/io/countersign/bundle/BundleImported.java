package io.countersign.bundle;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * One audit event for a whole import, naming what it created, updated and deactivated; the users,
 * groups and resources it wrote get no event of their own (its policies and a change of the levels
 * do, as through the API).
 */
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
