package io.countersign.bench.resilience;

/**
 * One injected fault on the ledger's clock (nanoseconds since the run began): when it was
 * injected, and when every instance answered a database-backed call again.
 */
record Fault(String description, long injectedAt, long recoveredAt) {

    double recoverySeconds() {
        return (recoveredAt - injectedAt) / 1e9;
    }

    boolean isKill() {
        return description.startsWith("kill");
    }
}
