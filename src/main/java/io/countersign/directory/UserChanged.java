package io.countersign.directory;

import io.countersign.shared.Actor;

/**
 * A user's fields were replaced, through {@code PUT} or by an import, in the transaction now
 * running: what depends on their role or on their being active (their tokens, cached
 * authentications, an enforcer's scope, their places as approver) must follow before it commits.
 * Not audited itself: a {@code PUT} is recorded as {@link UserUpdated}, an import as one event for
 * the whole bundle. {@code userId} is the internal id the other modules key on.
 */
public record UserChanged(Actor actor, String userId, User before, User after) {

    /** The reason given for what ends because the user may no longer approve. */
    public static final String NO_LONGER_APPROVES = "user no longer approves";

    /**
     * True when an active user who could approve now has a role that cannot (an auditor or an
     * enforcer): their places as approver and their delegations end. A deactivation ends them
     * through {@link UserAccessEnded} instead.
     */
    public boolean stoppedApproving() {
        return before.active()
                && after.active()
                && before.role().approves()
                && !after.role().approves();
    }
}
