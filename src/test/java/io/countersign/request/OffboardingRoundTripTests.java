package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import io.countersign.testing.RoundTrips;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Offboarding is the urgent path: deactivating a user costs about the same number of round trips
 * whether they have a few pending requests and places as approver or many. Each request still gets
 * its audit row and its events, written together rather than one request at a time.
 */
@OnPostgres
@CountersignTest
@Import(RoundTrips.class)
class OffboardingRoundTripTests extends DevAndLisaTestBase {

    private static final Logger log = LoggerFactory.getLogger(OffboardingRoundTripTests.class);

    @Autowired
    DepartureOutlook outlook;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void deactivatingAUserTakesRoundTripsThatDoNotGrowWithWhatTheyHavePending() {
        String own = org.resourceReviewedBy(lisa);
        org.webhook("/offboarding", "request.cancelled", "request.step_escalated", "request.rejected");
        // once before counting, so that caches (tokens, policies, subscribers) are as they are under load
        deactivation(own, 1);

        int few = deactivation(own, 2);
        int many = deactivation(own, 8);

        log.info("round trips of a deactivation: 2 + 2 pending {}, 8 + 8 pending {}", few, many);
        // one round trip each before the requests were locked and their webhook deliveries queued
        // together (19 more for 12 more requests); room for a token cache that lapses and a timer's check
        assertThat(many - few)
                .as("round trips added by 12 more pending requests")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void deactivatingAUserTakesRoundTripsThatDoNotGrowWithTheirDelegations() {
        withDelegations(1);

        int few = withDelegations(2);
        int many = withDelegations(8);

        log.info("round trips of a deactivation: 2 + 2 delegations {}, 8 + 8 delegations {}", few, many);
        // the delegations to and from the leaver end in one statement, each still with its audit row (14
        // more for 12 more when each ended alone); room for a token cache that lapses and a timer's check
        assertThat(many - few).as("round trips added by 12 more delegations").isLessThanOrEqualTo(3);
    }

    @Test
    void previewingADeactivationTakesRoundTripsThatDoNotGrowWithTheRequestsTheyApprove() {
        outlook(1);

        int few = outlook(2);
        int many = outlook(8);

        log.info("round trips of a deactivation's preview: 2 approving {}, 8 approving {}", few, many);
        // the requests are read together, their steps and decisions in bulk
        assertThat(many).as("round trips of the preview with 6 more requests").isEqualTo(few);
    }

    /** The round trips of previewing the deactivation of a user who approves {@code approving} of dev's requests. */
    private int outlook(int approving) {
        Person leaver = org.person("leaver");
        String others = org.resource();
        org.policy(others, List.of(step("Review", 1, leaver, lisa)));
        for (int i = 0; i < approving; i++) {
            org.request(dev, others);
        }
        String id = jdbc.sql("select id from users where username = ?")
                .param(leaver.name())
                .query(String.class)
                .single();
        int before = RoundTrips.count();
        DepartureOutlook.Outlook seen = outlook.of(id, leaver.name());
        int trips = RoundTrips.count() - before;
        assertThat(seen.approving()).isEqualTo(approving);
        return trips;
    }

    /**
     * The round trips of deactivating a user who delegates to lisa and whom dev delegates to, each
     * {@code delegations} times over periods one after the other, the first in force now; every one ends.
     */
    private int withDelegations(int delegations) {
        Person leaver = org.person("leaver");
        Instant now = clock.instant();
        for (int i = 0; i < delegations; i++) {
            Map<String, Object> period = new LinkedHashMap<>();
            if (i > 0) {
                period.put("from", now.plus(Duration.ofHours(2L * i)).toString());
            }
            period.put("until", now.plus(Duration.ofHours(2L * i + 1)).toString());
            delegate(leaver, lisa, period);
            delegate(dev, leaver, period);
        }
        String body = Api.json(Map.of("email", leaver.name() + "@example.com", "role", "USER", "active", false));
        int before = RoundTrips.count();
        api.asAdmin().put("/api/v1/users/" + leaver.name(), body).expect(200);
        int trips = RoundTrips.count() - before;
        assertThat(jdbc.sql("""
                        select count(*) from delegations
                        where (delegator = :leaver or delegate = :leaver) and ended_at is null""")
                        .param("leaver", leaver.name())
                        .query(Long.class)
                        .single())
                .as("delegations to and from the leaver still running")
                .isZero();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                        select count(*) from audit_events where action = 'delegation.ended'
                                        and (note like :from or note like :to)""")
                                .param("from", "%: " + leaver.name() + " no longer delegates to %")
                                .param("to", "% no longer delegates to " + leaver.name())
                                .query(Long.class)
                                .single())
                        .as("audit rows of the delegations ended")
                        .isEqualTo(2L * delegations));
        return trips;
    }

    private void delegate(Person from, Person to, Map<String, Object> period) {
        Map<String, Object> body = new LinkedHashMap<>(period);
        body.put("delegate", to.name());
        api.as(from.token())
                .post("/api/v1/users/" + from.name() + "/delegations", Api.json(body))
                .expect(201);
    }

    /**
     * The round trips of deactivating a user who has {@code pending} requests of their own waiting on
     * lisa and stands beside lisa as an approver of as many of dev's requests.
     */
    private int deactivation(String own, int pending) {
        Person leaver = org.person("leaver");
        String others = org.resource();
        org.policy(others, List.of(step("Review", 1, leaver, lisa)));
        for (int i = 0; i < pending; i++) {
            org.request(leaver, own);
            org.request(dev, others);
        }
        String body = Api.json(Map.of("email", leaver.name() + "@example.com", "role", "USER", "active", false));
        RoundTrips.clearStatements();
        int before = RoundTrips.count();
        api.asAdmin().put("/api/v1/users/" + leaver.name(), body).expect(200);
        int trips = RoundTrips.count() - before;
        log.info(
                "statements of a deactivation with {} + {} pending:\n{}",
                pending,
                pending,
                String.join("\n", RoundTrips.statements()));
        return trips;
    }
}
