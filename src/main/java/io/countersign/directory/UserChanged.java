package io.countersign.directory;

import io.countersign.shared.Actor;

/**
 * A user's fields were replaced, through {@code PUT} or by an import, in the transaction now
 * running: what depends on their role or on their being active (their tokens, cached
 * authentications, an enforcer's scope) must follow before it commits. Not audited itself: a {@code
 * PUT} is recorded as {@link UserUpdated}, an import as one event for the whole bundle.
 */
public record UserChanged(Actor actor, User before, User after) {}
