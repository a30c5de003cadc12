package io.countersign.web.api;

import java.io.IOException;

/**
 * Thrown while reading a body that grows past its cap. An {@link IOException}, so that it travels
 * through every message converter unchanged until {@link ProblemResponses} answers 413.
 */
final class BodyTooLarge extends IOException {

    private final long limit;

    BodyTooLarge(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
