package io.countersign.grant;

import io.countersign.shared.Actor;
import java.time.Instant;

/**
 * The constructor of the events that say one grant gives access from {@code from} until {@code endsAt}
 * ({@link GrantStarted}, {@link GrantScheduled}, {@link GrantFirstUsed}), so that each is built from
 * the grant in one way wherever it is published.
 */
@FunctionalInterface
interface GrantSpanEvent<E> {

    E of(
            Actor actor,
            String grantId,
            String requestId,
            String user,
            String resource,
            String account,
            Instant from,
            Instant endsAt);

    /** The event {@code kind} about {@code grant}, in force from {@code from} until its end. */
    static <E> E about(GrantSpanEvent<E> kind, Actor actor, Grant grant, Instant from) {
        return kind.of(
                actor,
                grant.id(),
                grant.requestId(),
                grant.user(),
                grant.resource(),
                grant.account(),
                from,
                grant.endsAt());
    }
}
