package io.countersign.bench.resilience;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The resilience suite: two real instances of the service on one PostgreSQL database, clients
 * creating and approving requests through both, then {@code kill -9} of one instance per round
 * (alternating, restarted at once) and PostgreSQL restarts under the same load. Afterwards it
 * checks that nothing acknowledged was lost and nothing was granted twice or without its approvals,
 * that the audit chain verifies, and that every webhook event reached the suite's receiver. Exits
 * 1 on any violation. Run through {@code bench/resilience.sh}; settings are in {@link Settings}.
 */
public final class ResilienceSuite {

    private static final Duration START_BUDGET = Duration.ofMinutes(3);

    private final Settings settings;
    private final RunControl control = new RunControl();
    private final Ledger ledger = new Ledger();
    private final List<Fault> faults = new ArrayList<>();
    private final Instances instances;
    private final Api api;

    private ResilienceSuite(Settings settings) {
        this.settings = settings;
        this.instances = new Instances(settings);
        this.api = new Api(
                settings.ports().stream()
                        .map(port -> URI.create("http://127.0.0.1:" + port + "/"))
                        .toList(),
                settings.retryFor(),
                control);
    }

    public static void main(String[] args) throws Exception {
        ResilienceSuite suite = new ResilienceSuite(Settings.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(suite.instances::close));
        int violations;
        try {
            violations = suite.run();
        } catch (Exception e) {
            e.printStackTrace();
            suite.control.abort();
            violations = -1;
        }
        suite.instances.close();
        System.exit(violations == 0 ? 0 : violations < 0 ? 2 : 1);
    }

    private int run() throws Exception {
        Files.createDirectories(settings.workDirectory());
        String secret = "resilience-" + UUID.randomUUID();
        long began = System.nanoTime();
        try (WebhookReceiver receiver = new WebhookReceiver(settings.receiverPort(), secret)) {
            for (int i = 0; i < instances.count(); i++) {
                instances.start(i);
            }
            for (int i = 0; i < instances.count(); i++) {
                awaitServing(i);
            }
            Organisation organisation =
                    Organisation.create(api, settings.adminToken(), settings.clients(), receiver.url(), secret);
            Workload workload = new Workload(api, organisation, ledger, control);
            workload.start();
            control.pause(settings.loadBetweenFaults());
            injectFaults();
            workload.stopAndJoin();
            double loadSeconds = (System.nanoTime() - began) / 1e9;

            Checks checks = new Checks(settings.databaseUrl());
            double drainSeconds = drain(checks, organisation.webhookId, receiver);
            checks.database(ledger, organisation.webhookId, receiver);
            checks.auditChain(api, settings.adminToken());
            checks.violations.addAll(ledger.unexpected);
            new Summary(settings, ledger, api, receiver, checks, faults).print(loadSeconds, drainSeconds);
            return checks.violations.size();
        }
    }

    private void injectFaults() throws Exception {
        for (int round = 0; round < settings.rounds(); round++) {
            int victim = round % instances.count();
            long injected = ledger.now();
            instances.kill(victim);
            instances.start(victim);
            awaitServing(victim);
            faults.add(new Fault("kill -9 instance " + Instances.name(victim), injected, ledger.now()));
            System.out.printf(
                    "round %d: instance %s killed and back after %.1f s%n",
                    round + 1,
                    Instances.name(victim),
                    faults.get(faults.size() - 1).recoverySeconds());
            control.pause(settings.loadBetweenFaults());
        }
        for (int restart = 0; restart < settings.databaseRestarts(); restart++) {
            long injected = ledger.now();
            restartDatabase();
            for (int i = 0; i < instances.count(); i++) {
                awaitServing(i);
            }
            faults.add(new Fault("PostgreSQL restart", injected, ledger.now()));
            System.out.printf(
                    "PostgreSQL restart %d: both instances serving again after %.1f s%n",
                    restart + 1, faults.get(faults.size() - 1).recoverySeconds());
            control.pause(settings.loadBetweenFaults());
        }
    }

    private void restartDatabase() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", settings.databaseRestartCommand())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.workDirectory()
                        .resolve("postgresql-restart.log")
                        .toFile()))
                .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("'" + settings.databaseRestartCommand() + "' failed; see "
                    + settings.workDirectory().resolve("postgresql-restart.log"));
        }
    }

    /** Until the instance answers a call that needs the database and the administrator's token. */
    private void awaitServing(int instance) {
        await("instance " + Instances.name(instance) + " serving")
                .atMost(START_BUDGET)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!instances.alive(instance)) {
                        throw new IllegalStateException("instance " + Instances.name(instance)
                                + " exited; see its log in " + settings.workDirectory());
                    }
                    Api.Answer answer =
                            api.once(instance, "GET", "/api/v1/requests?limit=1", settings.adminToken(), null);
                    return answer != null && answer.status() == 200;
                });
    }

    /** Waits until every event in the outbox has reached the receiver; the checks report any that did not. */
    private double drain(Checks checks, String webhookId, WebhookReceiver receiver) {
        long started = System.nanoTime();
        try {
            await("webhook events delivered")
                    .atMost(settings.drainFor())
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        try (Connection db = checks.connect()) {
                            Set<String> outbox = checks.outboxEvents(db, webhookId);
                            return receiver.arrivals.keySet().containsAll(outbox);
                        }
                    });
        } catch (ConditionTimeoutException e) {
            System.out.println("webhook events still undelivered after "
                    + settings.drainFor().toSeconds() + " s");
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
