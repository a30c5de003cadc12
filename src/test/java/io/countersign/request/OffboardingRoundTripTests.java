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
