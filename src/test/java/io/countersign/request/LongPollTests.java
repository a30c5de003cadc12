package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Long polls are woken by the decision, not by their deadline: at once when it is taken here, and by
 * the shared poll when the database changes behind this instance's back, as another instance would.
 */
@CountersignTest
class LongPollTests extends DevAndLisaTestBase {

    private static final Duration WITHIN_A_SECOND = Duration.ofMillis(1500);

    @Autowired
    Requests requests;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    String resource;

    @BeforeEach
    void organisation() {
        resource = org.resource();
        org.policy(resource, List.of(Organisation.step("Review", 1, lisa)));
    }

    private CompletableFuture<Api.Response> waitFor(String id) {
        var polled =
                CompletableFuture.supplyAsync(() -> api.as(dev.token()).get("/api/v1/requests/" + id + "?wait=30"));
        await().atMost(Duration.ofSeconds(10)).until(this::pendingWaiters);
        return polled;
    }

    /** The servlet request has reached the waiter once the gauge counts it. */
    private boolean pendingWaiters() {
        return meters.get("countersign.requests.waiting").gauge().value() > 0;
    }

    @Test
    void aWaiterIsAnsweredAsSoonAsTheRequestIsApprovedOnThisInstance() throws Exception {
        String id = org.request(dev, resource).get("id").asString();
        var polled = waitFor(id);

        requests.approve(new Actor(lisa.name(), Role.USER, Channel.API, "127.0.0.1"), id, "fine");

        await().atMost(WITHIN_A_SECOND).until(polled::isDone);
        assertThat(polled.get().status()).isEqualTo(200);
        assertThat(polled.get().json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(polled.get().json().get("grant").get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aWaiterIsAnsweredWhenTheRequestIsDecidedBehindThisInstancesBack() throws Exception {
        String id = org.request(dev, resource).get("id").asString();
        var polled = waitFor(id);

        jdbc.sql("update access_requests set status = 'CANCELLED' where id = ?")
                .param(id)
                .update();

        await().atMost(WITHIN_A_SECOND).until(polled::isDone);
        assertThat(polled.get().status()).isEqualTo(200);
        assertThat(polled.get().json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aWaiterWhoseTokenIsRevokedMeanwhileIsRefusedInsteadOfAnswered() throws Exception {
        String id = org.request(dev, resource).get("id").asString();
        var polled = waitFor(id);

        api.as(dev.token()).delete("/api/v1/users/" + dev.name() + "/tokens").expect(204);
        requests.approve(new Actor(lisa.name(), Role.USER, Channel.API, "127.0.0.1"), id, "fine");

        await().atMost(WITHIN_A_SECOND).until(polled::isDone);
        assertRefusedWithoutTheRequest(polled.get(), id);
    }

    @Test
    void aWaiterDeactivatedMeanwhileIsRefusedInsteadOfAnswered() throws Exception {
        String id = org.request(dev, resource).get("id").asString();
        var polled = waitFor(id);

        api.deactivate(dev.name());

        // the deactivation withdraws the request, which answers the wait
        await().atMost(WITHIN_A_SECOND).until(polled::isDone);
        assertRefusedWithoutTheRequest(polled.get(), id);
    }

    private static void assertRefusedWithoutTheRequest(Api.Response answer, String id) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("detail").asString()).isEqualTo("The API token is unknown or expired.");
        // the problem names the path asked, and nothing of the request
        assertThat(answer.json().propertyNames())
                .containsExactlyInAnyOrder("detail", "instance", "status", "title", "type");
        assertThat(answer.json().get("instance").asString()).isEqualTo("/api/v1/requests/" + id);
    }
}
