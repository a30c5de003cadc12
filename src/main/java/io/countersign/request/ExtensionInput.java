package io.countersign.request;

import java.time.Duration;
import java.time.Instant;

/**
 * A holder's ask for more time on their grant {@code grantId}: {@code duration} more, on top of the
 * {@code lastsSoFar} the grant lasts from its start to its current end {@code grantEndsAt}.
 */
public record ExtensionInput(
        String grantId,
        String resource,
        String account,
        Duration lastsSoFar,
        Instant grantEndsAt,
        Duration duration,
        String justification) {}
