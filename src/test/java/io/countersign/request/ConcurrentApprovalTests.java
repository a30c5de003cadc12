package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import io.countersign.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ten approvers race on each of fifty requests governed by one 3-of-10 step, each through the HTTP
 * API with their own token. Whatever the interleaving, every request ends with exactly three counted
 * approvals, one transition to APPROVED (one committed event, one audit row) and one grant.
 */
@CountersignTest
@OnPostgres
@Import(ConcurrentApprovalTests.Probe.class)
class ConcurrentApprovalTests {

    private static final int REQUESTS = 50;
    private static final int APPROVERS = 10;
    private static final int REQUIRED = 3;

    /** Counts committed {@link RequestApproved} events per request. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Probe {

        final Map<String, AtomicInteger> approvals = new ConcurrentHashMap<>();

        @TransactionalEventListener
        void on(RequestApproved approved) {
            approvals
                    .computeIfAbsent(approved.requestId(), id -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Probe probe;

    private final Race race = new Race(APPROVERS);

    @AfterEach
    void stopRacers() {
        race.close();
    }

    @Test
    void racingApproversNeverDoubleCountSkipAStepOrGrantTwice() throws Exception {
        Organisation org = new Organisation(api);
        Person requester = org.person("requester");
        List<Person> approvers = new ArrayList<>();
        for (int i = 0; i < APPROVERS; i++) {
            approvers.add(org.person("approver"));
        }
        String group = org.group(approvers.toArray(Person[]::new));
        String resource = org.resource();
        org.policy(resource, List.of(Organisation.groupStep("Ten eyes", REQUIRED, group)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(org.request(requester, resource).get("id").asString());
        }

        for (String id : ids) {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (Person approver : approvers) {
                calls.add(() -> api.as(approver.token())
                        .post("/api/v1/requests/" + id + "/approve", null)
                        .status());
            }
            List<Integer> statuses = race.run(calls);
            assertThat(statuses).as(id).filteredOn(s -> s == 200).hasSize(REQUIRED);
            assertThat(statuses).as(id).filteredOn(s -> s == 409).hasSize(APPROVERS - REQUIRED);
        }

        for (String id : ids) {
            assertThat(count("select count(*) from decisions where request_id = ? and verdict = 'APPROVE'", id))
                    .as(id)
                    .isEqualTo(REQUIRED);
            assertThat(count("select count(*) from access_requests where id = ? and status = 'APPROVED'", id))
                    .as(id)
                    .isEqualTo(1);
            assertThat(count("select count(*) from grants where request_id = ?", id))
                    .as(id)
                    .isEqualTo(1);
            assertThat(probe.approvals.get(id)).as(id).hasValue(1);
            assertThat(count(
                            "select count(*) from audit_events where request_id = ? and action = 'request.approved'",
                            id))
                    .as(id)
                    .isEqualTo(1);
            assertThat(count(
                            "select count(*) from audit_events where request_id = ? and action = 'request.approval_recorded'",
                            id))
                    .as(id)
                    .isEqualTo(REQUIRED);
        }
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }
}
