package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** An enforcement point's scope was set, changed or removed ({@code after} null: every resource). */
public record EnforcerScopeChanged(Actor actor, String username, EnforcerScope after) implements AuditableEvent {

    @Override
    public String action() {
        return "enforcer.scope_changed";
    }

    @Override
    public String target() {
        return "user:" + username;
    }

    @Override
    public String note() {
        if (after == null) {
            return "scope removed: every resource";
        }
        // the audit log fits an over-long note itself
        return "resources " + after.resources() + "; resource groups " + after.resourceGroups();
    }
}
