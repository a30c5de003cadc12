package io.countersign.audit;

import java.time.Instant;

/** The committed events the sealer has not chained yet: how many, and when the oldest happened (null if none). */
record UnsealedTail(long events, Instant oldestOccurredAt) {

    static final UnsealedTail NONE = new UnsealedTail(0, null);
}
