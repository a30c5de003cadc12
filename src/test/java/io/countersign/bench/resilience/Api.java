package io.countersign.bench.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clients' view of the service: JSON over HTTP to two instances, taken in turn. A call that
 * finds no connection, times out or gets a 5xx answer is sent again to the other instance with a
 * growing pause, until {@code retryFor} has passed; only then is it abandoned. Retrying is safe
 * because creations carry an Idempotency-Key and decisions are reconciled by their callers.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /**
     * An answer; {@code status} 0 means every attempt failed until the retry budget ran out;
     * {@code replayed} when the service answered from an earlier call with the same Idempotency-Key.
     */
    record Answer(int status, JsonNode body, int attempts, boolean replayed) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean retried() {
            return attempts > 1;
        }

        boolean abandoned() {
            return status == 0;
        }

        String text(String field) {
            JsonNode value = body == null ? null : body.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    private final List<URI> bases;
    private final Duration retryFor;
    private final RunControl control;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final AtomicLong turn = new AtomicLong();
    final LongAdder connectionsRefused = new LongAdder();
    final LongAdder connectionsLost = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder serverErrors = new LongAdder();

    Api(List<URI> bases, Duration retryFor, RunControl control) {
        this.bases = bases;
        this.retryFor = retryFor;
        this.control = control;
    }

    Answer call(String method, String path, String token, Object body) throws InterruptedException {
        return call(method, path, token, body, Map.of());
    }

    /** Sends to the instances in turn, failing over as described above. */
    Answer call(String method, String path, String token, Object body, Map<String, String> headers)
            throws InterruptedException {
        long deadline = System.nanoTime() + retryFor.toNanos();
        int instance = (int) (turn.getAndIncrement() % bases.size());
        Duration backoff = Duration.ofMillis(50);
        for (int attempt = 1; ; attempt++) {
            Answer answer = once(instance, method, path, token, body, headers, attempt);
            if (answer != null) {
                return answer;
            }
            if (System.nanoTime() > deadline || control.aborted()) {
                return new Answer(0, null, attempt, false);
            }
            instance = (instance + 1) % bases.size();
            if (attempt % bases.size() == 0) {
                // both instances failed in a row: the database, or both instances, are away
                control.pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                        ? Duration.ofSeconds(2)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** One attempt against one instance, without failover; null when it failed in a retryable way. */
    Answer once(int instance, String method, String path, String token, Object body) throws InterruptedException {
        return once(instance, method, path, token, body, Map.of(), 1);
    }

    private Answer once(
            int instance,
            String method,
            String path,
            String token,
            Object body,
            Map<String, String> headers,
            int attempt)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(bases.get(instance).resolve(path))
                .timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                serverErrors.increment();
                return null;
            }
            return new Answer(
                    response.statusCode(),
                    parse(response.body()),
                    attempt,
                    response.headers().firstValue("Idempotent-Replayed").isPresent());
        } catch (HttpTimeoutException e) {
            timeouts.increment();
            return null;
        } catch (ConnectException e) {
            connectionsRefused.increment();
            return null;
        } catch (IOException e) {
            // a connection reset or closed mid-answer: the instance died while serving the call
            connectionsLost.increment();
            return null;
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** Fails the run when setting up the organisation gets another answer than expected. */
    static JsonNode expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(
                    what + ": expected HTTP " + status + " but got " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }
}
