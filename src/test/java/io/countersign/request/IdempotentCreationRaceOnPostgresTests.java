package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retries that race with the same Idempotency-Key: one request is created and every call answers
 * with it, whether it lost the race at the key's unique index (when the transaction writes its
 * request, just before it commits) or found the request already there.
 */
@OnPostgres
@CountersignTest
class IdempotentCreationRaceOnPostgresTests extends DevAndLisaTestBase {

    private static final int CALLS = 8;

    @Autowired
    JdbcClient jdbc;

    @Test
    void racingCallsWithOneKeyCreateOneRequestAndAllAnswerWithIt() throws Exception {
        String resource = org.resourceReviewedBy(lisa);
        String body = Api.json(Map.of("resource", resource, "account", "admin"));
        String key = Api.unique("race");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(CALLS);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CALLS; i++) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return api.as(dev.token()).call(HttpMethod.POST, "/api/v1/requests", body, "Idempotency-Key", key);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                ids.add(response.json().get("id").asString());
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(jdbc.sql("select count(*) from access_requests where idempotency_key = ?")
                            .param(key)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }
}
