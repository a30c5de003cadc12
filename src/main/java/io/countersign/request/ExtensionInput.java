package io.countersign.request;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A holder's ask for {@code duration} more on their grant {@code grantId}, with the justification and
 * ticket reference the governing policy may require of it as of any request. {@code term} reads the
 * grant as it stands: it is read once the holder's earlier asks are done, so that an extension
 * approved meanwhile counts towards the policy's total.
 */
public record ExtensionInput(
        String grantId,
        String resource,
        String account,
        Supplier<Term> term,
        Duration duration,
        String justification,
        String ticket) {

    /** How long the grant lasts from its start to its current end {@code endsAt}. */
    public record Term(Duration lastsSoFar, Instant endsAt) {}
}
