package io.countersign.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds correctly hashed chains of audit events for tests of the framework-free core. */
final class Chains {

    static final Instant START = Instant.parse("2025-03-01T08:00:00.123456Z");

    private Chains() {}

    /** Events 1..n, each linked to the previous one. */
    static List<AuditRecord> of(int length) {
        List<AuditRecord> chain = new ArrayList<>();
        String previous = ChainHash.GENESIS;
        for (int i = 1; i <= length; i++) {
            AuditRecord event = hashed(unhashed(i, previous, "note " + i));
            chain.add(event);
            previous = event.hash();
        }
        return chain;
    }

    static AuditRecord unhashed(long id, String previousHash, String note) {
        return new AuditRecord(
                id,
                START.plusSeconds(id),
                "alice",
                "ADMIN",
                "API",
                "10.0.0.7",
                "user.created",
                "user:bob-" + id,
                "req-abcdefgh",
                null,
                note,
                null,
                null,
                null,
                null,
                ChainHash.CURRENT_VERSION,
                previousHash,
                null);
    }

    static AuditRecord hashed(AuditRecord event) {
        return event.withHash(ChainHash.of(event));
    }
}
