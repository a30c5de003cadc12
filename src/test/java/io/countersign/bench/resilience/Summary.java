package io.countersign.bench.resilience;

import java.util.Arrays;
import java.util.List;

/** Prints what a run did, how fast it recovered from each fault, and every violation. */
final class Summary {

    private final Settings settings;
    private final Ledger ledger;
    private final Api api;
    private final WebhookReceiver receiver;
    private final Checks checks;
    private final List<Fault> faults;

    Summary(Settings settings, Ledger ledger, Api api, WebhookReceiver receiver, Checks checks, List<Fault> faults) {
        this.settings = settings;
        this.ledger = ledger;
        this.api = api;
        this.receiver = receiver;
        this.checks = checks;
        this.faults = faults;
    }

    void print(double loadSeconds, double drainSeconds) {
        System.out.println();
        System.out.println("== Resilience summary ==");
        System.out.printf(
                "%d instances, %d clients, %d kill -9 rounds, %d PostgreSQL restarts, %.0f s under load%n",
                settings.ports().size(),
                settings.clients(),
                settings.rounds(),
                settings.databaseRestarts(),
                loadSeconds);
        System.out.printf(
                "requests created (acknowledged): %d, of them answered from an earlier attempt by Idempotency-Key: %d%n",
                ledger.createdByKey.size(), ledger.creationsReplayed.sum());
        System.out.printf("requests approved at both steps by the clients: %d%n", ledger.requestsCompleted.sum());
        System.out.printf(
                "decisions acknowledged: %d; decisions whose answer was lost and found committed on retry: %d%n",
                ledger.decisionCount(), ledger.decisionsConfirmedAfterRetry.sum());
        System.out.printf(
                "attempts retried on the other instance: %d connections refused (instance down), %d connections"
                        + " lost mid-call, %d time-outs, %d 5xx answers; operations abandoned after %d s of retries: %d%n",
                api.connectionsRefused.sum(),
                api.connectionsLost.sum(),
                api.timeouts.sum(),
                api.serverErrors.sum(),
                settings.retryFor().toSeconds(),
                ledger.abandoned.sum());
        System.out.printf(
                "webhook: %d events received in %d deliveries, %d duplicates (same event id again);"
                        + " outbox drained %.1f s after the load stopped%n",
                receiver.arrivals.size(), receiver.posts.sum(), receiver.duplicates(), drainSeconds);
        checks.counts.forEach((what, count) -> System.out.printf("database: %s: %d%n", what, count));
        printFaults();
        System.out.printf("violations: %d%n", checks.violations.size());
        checks.violations.stream().limit(50).forEach(v -> System.out.println("  VIOLATION " + v));
        if (checks.violations.size() > 50) {
            System.out.println("  ... and " + (checks.violations.size() - 50) + " more");
        }
    }

    private void printFaults() {
        System.out.println("faults (back: until every instance answered a database-backed call again;"
                + " pause: longest stretch without any acknowledged operation meanwhile):");
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            System.out.printf(
                    "  %2d  %-26s back after %5.1f s   pause %5.2f s%n",
                    i + 1, fault.description(), fault.recoverySeconds(), pauseSeconds(fault));
        }
        describe("kill -9", faults.stream().filter(Fault::isKill).toList());
        describe("PostgreSQL restart", faults.stream().filter(f -> !f.isKill()).toList());
    }

    private void describe(String kind, List<Fault> selected) {
        if (selected.isEmpty()) {
            return;
        }
        double[] back =
                selected.stream().mapToDouble(Fault::recoverySeconds).sorted().toArray();
        double[] pause =
                selected.stream().mapToDouble(this::pauseSeconds).sorted().toArray();
        System.out.printf(
                "%s: %d times; back after median %.1f s, max %.1f s; longest pause median %.2f s, max %.2f s%n",
                kind, selected.size(), median(back), back[back.length - 1], median(pause), pause[pause.length - 1]);
    }

    private double pauseSeconds(Fault fault) {
        return ledger.longestPause(fault.injectedAt(), fault.recoveredAt()) / 1e9;
    }

    private static double median(double[] sorted) {
        double[] copy = Arrays.copyOf(sorted, sorted.length);
        return copy.length % 2 == 1 ? copy[copy.length / 2] : (copy[copy.length / 2 - 1] + copy[copy.length / 2]) / 2;
    }
}
