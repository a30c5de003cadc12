package io.countersign.notify.internal;

import java.time.Duration;

/** What an attempt came to, for webhooks and notifications alike. */
record AttemptResult(
        boolean succeeded,
        Integer statusCode,
        String error,
        boolean permanent,
        Duration retryAfter,
        boolean unreachable,
        boolean skipped) {

    AttemptResult(boolean succeeded, Integer statusCode, String error, boolean permanent) {
        this(succeeded, statusCode, error, permanent, null, false, false);
    }

    /** Whether the channel's server answered: delivered, or failed by its own answer. */
    boolean answered() {
        return succeeded || (!permanent && !unreachable);
    }
}
