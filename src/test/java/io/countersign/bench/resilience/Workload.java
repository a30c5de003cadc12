package io.countersign.bench.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The clients: each creates a request for its own requester (with a fresh Idempotency-Key) and
 * has it approved at both steps, over and over, through whichever instance answers. Every 2xx
 * answer goes into the ledger. A decision whose answer was lost is retried; if the retry is
 * refused because the first attempt had committed after all, the request is read back to confirm
 * the decision is there.
 */
final class Workload {

    private final Api api;
    private final Organisation organisation;
    private final Ledger ledger;
    private final RunControl control;
    private final List<Thread> threads = new ArrayList<>();

    Workload(Api api, Organisation organisation, Ledger ledger, RunControl control) {
        this.api = api;
        this.organisation = organisation;
        this.ledger = ledger;
        this.control = control;
    }

    void start() {
        for (int i = 0; i < organisation.requesters.size(); i++) {
            int client = i;
            Thread thread = new Thread(() -> runClient(client), "resilience-client-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops after each client's current request and waits for them. */
    void stopAndJoin() throws InterruptedException {
        control.stop();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void runClient(int client) {
        try {
            for (int sequence = 0; !control.stopping(); sequence++) {
                String key = "resilience-" + client + "-" + sequence;
                String id = create(client, key);
                if (id == null) {
                    continue;
                }
                boolean approved = decide(client, id, 0) && decide(client, id, 1);
                if (approved) {
                    ledger.requestsCompleted.increment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ledger.unexpected.add("client " + client + " stopped: " + e);
        }
    }

    private String create(int client, String key) throws InterruptedException {
        Api.Answer answer = api.call(
                "POST",
                "/api/v1/requests",
                organisation.requesterTokens.get(client),
                Map.of(
                        "resource",
                        Organisation.RESOURCE,
                        "account",
                        Organisation.ACCOUNT,
                        "duration",
                        "PT1H",
                        "justification",
                        "resilience run"),
                Map.of("Idempotency-Key", key));
        if (answer.abandoned()) {
            ledger.abandoned.increment();
            return null;
        }
        if (answer.status() != 201) {
            ledger.unexpected.add("creation " + key + " answered " + answer.status() + " " + answer.body());
            return null;
        }
        String id = answer.text("id");
        ledger.created(key, id, answer.replayed());
        return id;
    }

    /** Approves {@code step}; false when the request could not be taken further. */
    private boolean decide(int client, String id, int step) throws InterruptedException {
        int which = client % Organisation.APPROVERS_PER_STEP;
        String approver = organisation.approvers.get(step).get(which);
        String token = organisation.approverTokens.get(step).get(which);
        Api.Answer answer =
                api.call("POST", "/api/v1/requests/" + id + "/approve", token, Map.of("comment", "step " + step));
        if (answer.abandoned()) {
            ledger.abandoned.increment();
            return false;
        }
        if (answer.status() == 200) {
            ledger.decided(id, step, approver);
            return advanced(answer.body(), id, step);
        }
        if (answer.retried() && answer.status() >= 400 && answer.status() < 500) {
            // an earlier attempt committed but its answer was lost: the retry was refused as a
            // second decision (409) or as coming from an approver of a step already passed (403)
            Api.Answer current = api.call("GET", "/api/v1/requests/" + id, token, null);
            if (current.status() == 200 && hasDecision(current.body(), step, approver)) {
                ledger.decisionsConfirmedAfterRetry.increment();
                return advanced(current.body(), id, step);
            }
        }
        ledger.unexpected.add("approval of " + id + " at step " + step + " by " + approver + " answered "
                + answer.status() + " after " + answer.attempts() + " attempt(s): " + answer.body());
        return false;
    }

    private boolean advanced(JsonNode request, String id, int step) {
        String status = request.get("status").asString();
        int current = request.get("currentStep").asInt();
        boolean ok = step == 0
                ? status.equals("PENDING") && current == 1
                : status.equals("APPROVED")
                        && request.get("grant") != null
                        && !request.get("grant").isNull();
        if (!ok) {
            ledger.unexpected.add("after the approval of step " + step + ", " + id + " is " + status + " at step "
                    + current + " with grant " + request.get("grant"));
        }
        return ok;
    }

    private static boolean hasDecision(JsonNode request, int step, String approver) {
        for (JsonNode decision : request.get("decisions")) {
            if (decision.get("step").asInt() == step
                    && decision.get("approver").asString().equals(approver)
                    && decision.get("verdict").asString().equals("APPROVE")) {
                return true;
            }
        }
        return false;
    }
}
