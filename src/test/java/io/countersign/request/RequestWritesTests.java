package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.ConflictException;
import io.countersign.testing.CountersignTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A change to a request is written with its transaction's last writes: a second lock in the same
 * transaction still sees it, and a request changed behind the lock's back is refused at commit.
 */
@CountersignTest
class RequestWritesTests extends DevAndLisaTestBase {

    @Autowired
    RequestRepository repository;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    String id;

    @BeforeEach
    void pendingRequest() {
        String resource = org.resourceReviewedBy(lisa);
        id = org.request(dev, resource).get("id").asString();
    }

    @Test
    void aSecondLockInTheSameTransactionSeesTheChangeNotYetCommitted() {
        AccessRequest again = transactions.execute(tx -> {
            AccessRequest request = repository.lock(id).orElseThrow();
            assertThat(request.withdraw("resource deleted", Instant.now())).isTrue();
            repository.update(request);
            return repository.lock(id).orElseThrow();
        });

        assertThat(again.status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(again.version()).isEqualTo(1);
        assertThat(api.status(id)).isEqualTo("CANCELLED");
    }

    @Test
    void aRequestChangedSinceItWasReadIsNotChangedAndTheTransactionRollsBack() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    AccessRequest request = repository.lock(id).orElseThrow();
                    jdbc.update("update access_requests set version = version + 1 where id = ?", id);
                    request.withdraw("resource deleted", Instant.now());
                    repository.update(request);
                }))
                .isInstanceOf(ConflictException.class);

        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("select version from access_requests where id = ?", Long.class, id))
                .isZero();
    }

    @Test
    void theApprovingAnswerShowsTheGrantAsItIsStored() {
        JsonNode answer = api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json()
                .get("grant");

        JsonNode stored = api.asAdmin()
                .get("/api/v1/grants/" + answer.get("id").asString())
                .expect(200)
                .json();
        assertThat(answer.get("status").asString()).isEqualTo("ACTIVE");
        for (String field : List.of("id", "requestId", "user", "resource", "account", "status", "startsAt", "endsAt")) {
            assertThat(answer.get(field)).as(field).isEqualTo(stored.get(field));
        }
    }
}
