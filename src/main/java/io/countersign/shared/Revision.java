package io.countersign.shared;

import java.time.Instant;
import java.util.Arrays;

/**
 * The stored version of a configuration row, as answered in {@code ETag} and compared with
 * {@code If-Match}. The creation time is part of it so that an object deleted and created again
 * under the same name, whose version counts from zero again, never matches an old tag.
 */
public record Revision(long version, Instant createdAt) {

    /** A strong entity tag: quoted, opaque, changes with every stored change. */
    public String etag() {
        long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
        return "\"" + version + "-" + Long.toString(micros, 36) + "\"";
    }

    /**
     * Whether an {@code If-Match} header holds this revision: {@code *} or one of a comma-separated
     * list of tags. Weak tags ({@code W/"…"}) never match: If-Match compares strongly (RFC 9110).
     */
    public boolean matches(String ifMatch) {
        String tag = etag();
        return Arrays.stream(ifMatch.split(","))
                .map(String::trim)
                .anyMatch(candidate -> candidate.equals("*") || candidate.equals(tag));
    }
}
