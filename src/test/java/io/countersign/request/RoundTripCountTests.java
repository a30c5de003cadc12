package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import io.countersign.testing.RoundTrips;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Counts the statements and commits one request creation and one decision send to PostgreSQL on the
 * request pool, each a round trip (the figures in BENCHMARKS.md). Background work that runs on
 * its own (the timers' polling, the waiters' poll, the webhook senders) is left out; the audit sealer has a pool of its
 * own and is counted apart. The bounds catch a change that adds round trips unnoticed.
 */
@OnPostgres
@CountersignTest
@Import(RoundTrips.class)
class RoundTripCountTests {

    private static final Logger log = LoggerFactory.getLogger(RoundTripCountTests.class);

    @Autowired
    Api api;

    @Test
    void aCreationAndADecisionTakeABoundedNumberOfRoundTrips() {
        Organisation org = new Organisation(api);
        Person dev = org.person("dev");
        Person lisa = org.person("lisa");
        Person carol = org.person("carol");
        // three told when the second step opens: the directory is read once for all of them
        Person sam = org.person("sam");
        Person ana = org.person("ana");
        String resource = org.resource();
        org.policy(
                resource,
                List.of(step("Manager Review", 1, lisa), step("Security Review", 1, carol, sam, ana)),
                Map.of("defaultDuration", "PT1H", "maxDuration", "PT4H"));
        String body = Api.json(Map.of("resource", resource, "account", "admin", "justification", "counting"));
        // once to the end before counting, so that caches (tokens, policies, subscribers) are as they are under load
        String warm = api.as(dev.token())
                .post("/api/v1/requests", body)
                .expect(201)
                .json()
                .get("id")
                .asString();
        api.as(lisa.token()).post("/api/v1/requests/" + warm + "/approve", null).expect(200);
        api.as(carol.token())
                .post("/api/v1/requests/" + warm + "/approve", null)
                .expect(200);

        int before = RoundTrips.count();
        RoundTrips.clearStatements();
        String id = api.as(dev.token())
                .post("/api/v1/requests", body)
                .expect(201)
                .json()
                .get("id")
                .asString();
        int creation = RoundTrips.count() - before;
        log.info("statements of a creation:\n{}", String.join("\n", RoundTrips.statements()));
        // the four approver places and the two steps each in one statement
        assertThat(RoundTrips.occurrences("insert into request_step_approvers")).isEqualTo(1);
        assertThat(RoundTrips.occurrences("insert into request_steps")).isEqualTo(1);
        RoundTrips.clearStatements();
        before = RoundTrips.count();
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);
        int firstDecision = RoundTrips.count() - before;
        log.info("statements of a decision:\n{}", String.join("\n", RoundTrips.statements()));
        // the approver by name, and one more if their token's cache lapsed; the three approvers the
        // opening step tells are read together, not one by one
        assertThat(RoundTrips.statements().stream().filter(s -> s.contains("from users where username = ?")))
                .hasSizeLessThanOrEqualTo(2);
        RoundTrips.clearStatements();
        before = RoundTrips.count();
        api.as(carol.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);
        int lastDecision = RoundTrips.count() - before;
        log.info("statements of the last decision:\n{}", String.join("\n", RoundTrips.statements()));
        // the first step, decided earlier, is not written again
        assertThat(RoundTrips.occurrences("update request_steps")).isEqualTo(1);

        log.info(
                "round trips on the request pool: creation {}, first decision {}, last decision (grant) {}",
                creation,
                firstDecision,
                lastDecision);
        // the figures of BENCHMARKS.md (2, 2, 2; 2, 2 and 3 before the granting answer came from
        // its own transaction, 3, 3 and 4 before the commit went with the last writes, 4, 4 and 5 before a request's
        // own rows went with them, 6, 4 and 8 before new
        // timers, the grant and the resource read joined other round trips, before pipelining 11,
        // 13 and 17, before batching and caching 40, 34 and 44) with room for a token or settings
        // cache that a slow machine lets expire during the test
        assertThat(creation).isPositive().isLessThanOrEqualTo(4);
        assertThat(firstDecision).isPositive().isLessThanOrEqualTo(4);
        assertThat(lastDecision).isPositive().isLessThanOrEqualTo(4);
    }
}
