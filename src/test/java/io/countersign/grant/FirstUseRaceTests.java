package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Actor;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Checks that race to be a waiting grant's first use: one starts its clock, and every one is allowed with that start. */
@CountersignTest
class FirstUseRaceTests extends FirstUseGrantTestBase {

    @Test
    void concurrentFirstChecksStartTheClockOnceAndAllAnswerWithThatStart() throws Exception {
        String id = approvedGrant().get("id").asString();
        int checks = 8;
        CountDownLatch ready = new CountDownLatch(checks);
        List<Future<JsonNode>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(checks);
        for (int i = 0; i < checks; i++) {
            answers.add(pool.submit(() -> {
                ready.countDown();
                ready.await();
                return check();
            }));
        }
        pool.shutdown();
        List<String> starts = new ArrayList<>();
        for (Future<JsonNode> answer : answers) {
            JsonNode decision = answer.get(30, TimeUnit.SECONDS);
            assertThat(decision.get("allowed").asBoolean()).isTrue();
            starts.add(decision.get("clockStartedAt").asString());
        }

        assertThat(starts).containsOnly(grant(id).get("clockStartedAt").asString());
        assertThat(auditActions(id))
                .containsExactly("request.approved", "grant.awaiting_first_use", "grant.first_used");
    }

    @Test
    void aCheckWhoseStartAnotherCheckWonAMomentLaterIsAllowedWithThatStart() {
        String id = approvedGrant().get("id").asString();
        Instant earlier = clock.instant();
        Grant waiting = repository.find(id, earlier).orElseThrow();
        clock.advance(Duration.ofMillis(5));
        String winnersStart = check().get("clockStartedAt").asString();

        Optional<Grant> loser = firstUse.start(Actor.system(), waiting, earlier);

        assertThat(loser).map(Grant::status).contains(GrantStatus.ACTIVE);
        assertThat(loser.orElseThrow().clockStartedAt()).isEqualTo(Instant.parse(winnersStart));
    }
}
