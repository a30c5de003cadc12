package io.countersign.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The exact text a checkpoint signature covers, one line of ASCII without a line break:
 * {@code countersign-audit-checkpoint-v1 at=2026-11-30T04:15:00Z events=1234 headHash=9f2c…}. The
 * time is in whole seconds, so that its ISO-8601 form has exactly one spelling. Simple enough to
 * rebuild with {@code printf} outside Countersign.
 */
final class CheckpointStatement {

    private static final String VERSION = "countersign-audit-checkpoint-v1";

    private CheckpointStatement() {}

    static byte[] of(Instant at, long events, String headHash) {
        if (at.getNano() != 0) {
            throw new IllegalArgumentException("A checkpoint is taken at a whole second");
        }
        String text = VERSION + " at=" + at + " events=" + events + " headHash=" + headHash;
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
