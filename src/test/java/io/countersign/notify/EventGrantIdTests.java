package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.request.BreakGlassReviews;
import io.countersign.request.RequestTimers;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every event about a request that has a grant names that grant, as the API shows it, from the
 * approval on, and every event about an extension request names the grant it would extend, from its
 * creation on: on the webhooks a receiver gets and on the notifications people get. A request for new
 * access names none before its approval.
 */
@NotificationTest
class EventGrantIdTests extends NotificationSceneTestBase {

    @Autowired
    MutableClock clock;

    @Autowired
    BreakGlassReviews reviews;

    @Autowired
    RequestTimers timers;

    Receiver receiver;
    String webhook;

    @BeforeEach
    void aReceiverOfRequestAndBreakGlassEvents() throws Exception {
        receiver = new Receiver();
        webhook = api.webhook(
                receiver.url(),
                "request.created",
                "request.step_started",
                "request.approved",
                "request.rejected",
                "request.cancelled",
                "request.expired",
                "grant.started",
                "breakglass.used",
                "breakglass.reviewed",
                "breakglass.review_overdue");
    }

    @AfterEach
    void removeTheReceiver() {
        api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
        receiver.close();
    }

    private JsonNode received(String type, String requestId) {
        await().atMost(NotificationScene.PATIENCE).until(() -> find(type, requestId) != null);
        return find(type, requestId).get("data");
    }

    private JsonNode find(String type, String requestId) {
        return receiver.accepted().stream()
                .map(Receiver.Received::json)
                .filter(json -> json.get("type").asString().equals(type))
                .filter(json -> json.get("data").get("requestId").asString().equals(requestId))
                .findFirst()
                .orElse(null);
    }

    private String grantToldTo(Person person, NotificationKind kind, String requestId) {
        await().atMost(NotificationScene.PATIENCE).until(() -> told(person, kind, requestId) != null);
        return told(person, kind, requestId).grantId();
    }

    private Notification told(Person person, NotificationKind kind, String requestId) {
        return sender.acceptedFor(person.id()).stream()
                .filter(n -> n.kind() == kind && requestId.equals(n.requestId()))
                .findFirst()
                .orElse(null);
    }

    private String grantOf(String requestId) {
        return api.as(dev.token())
                .get("/api/v1/requests/" + requestId)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
    }

    @Test
    void anApprovalNamesTheGrantItIssuedToTheReceiverAndTheRequester() {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        scene.approve(lisa, id);
        String grant = grantOf(id);

        assertThat(received("request.approved", id).get("grantId").asString()).isEqualTo(grant);
        assertThat(received("grant.started", id).get("grantId").asString()).isEqualTo(grant);
        assertThat(grantToldTo(dev, NotificationKind.REQUEST_DECIDED, id)).isEqualTo(grant);
    }

    @Test
    void anApprovalOfAccessThatStartsLaterNamesTheGrantThatWaitsForItsStart() {
        String resource = scene.resource(List.of(step(1, lisa)), Map.of());
        String id = api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "startsAt",
                                clock.instant().plus(Duration.ofHours(2)).toString())))
                .expect(201)
                .json()
                .get("id")
                .asString();
        scene.approve(lisa, id);
        String grant = grantOf(id);

        assertThat(received("request.approved", id).get("grantId").asString()).isEqualTo(grant);
    }

    @Test
    void aBreakGlassUseItsReviewAndItsOverdueReviewNameTheGrantTheUseWasGiven() {
        Person carol = scene.person("carol");
        Person rita = scene.person("rita");
        String resource =
                scene.resource(List.of(step(1, lisa)), NotificationScene.breakGlassTelling(carol, List.of(rita)));
        JsonNode used = scene.breakGlass(dev, resource, "db down", Map.of());
        String reviewed = used.get("id").asString();
        String grant = used.get("grant").get("id").asString();
        String overdue =
                scene.breakGlass(dev, resource, "db down", Map.of()).get("id").asString();

        api.as(rita.token())
                .post("/api/v1/requests/" + reviewed + "/review", Api.json(Map.of("comment", "fine")))
                .expect(200);
        clock.advance(Duration.ofHours(8));
        reviews.fire(overdue);

        assertThat(received("request.approved", reviewed).get("grantId").asString())
                .isEqualTo(grant);
        assertThat(received("breakglass.used", reviewed).get("grantId").asString())
                .isEqualTo(grant);
        assertThat(received("breakglass.reviewed", reviewed).get("grantId").asString())
                .isEqualTo(grant);
        assertThat(received("breakglass.review_overdue", overdue).get("grantId").asString())
                .isEqualTo(grantOf(overdue));
        assertThat(grantToldTo(carol, NotificationKind.BREAK_GLASS_USED, reviewed))
                .isEqualTo(grant);
        assertThat(grantToldTo(rita, NotificationKind.BREAK_GLASS_REVIEW, reviewed))
                .isEqualTo(grant);
        assertThat(grantToldTo(carol, NotificationKind.BREAK_GLASS_REVIEW_OVERDUE, overdue))
                .isEqualTo(grantOf(overdue));
    }

    /**
     * A resource whose policy lets lisa approve each request, and each extension (within its
     * maxDuration), and makes a request wait an hour at most.
     */
    private String aResourceWithExtensions() {
        return scene.resource(List.of(step(1, lisa)), Map.of("requestTtl", "PT1H"));
    }

    private String requestFor(String resource) {
        return api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H")))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private String extensionOf(String grant) {
        return api.as(dev.token())
                .post("/api/v1/grants/" + grant + "/extend", Api.json(Map.of("duration", "PT1H")))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private void reject(String requestId) {
        api.as(lisa.token())
                .post("/api/v1/requests/" + requestId + "/reject", Api.json(Map.of("comment", "not now")))
                .expect(200);
    }

    private void cancel(String requestId) {
        api.as(dev.token())
                .post("/api/v1/requests/" + requestId + "/cancel", null)
                .expect(200);
    }

    /** Moves time past the hour a request here may wait, and lets {@code requestId} expire if nothing did yet. */
    private void expire(String requestId) {
        clock.advance(Duration.ofHours(1));
        timers.fire(requestId);
    }

    @Test
    void everyEventOfAnExtensionRequestNamesTheGrantItWouldExtendFromItsCreationOn() {
        String approved = requestFor(aResourceWithExtensions());
        scene.approve(lisa, approved);
        String grant = grantOf(approved);

        String rejected = extensionOf(grant);
        reject(rejected);
        String cancelled = extensionOf(grant);
        cancel(cancelled);
        String expired = extensionOf(grant);
        expire(expired);

        for (String extension : List.of(rejected, cancelled, expired)) {
            assertThat(received("request.created", extension).get("grantId").asString())
                    .isEqualTo(grant);
            assertThat(received("request.step_started", extension)
                            .get("grantId")
                            .asString())
                    .isEqualTo(grant);
            assertThat(grantToldTo(lisa, NotificationKind.STEP_OPENED, extension))
                    .isEqualTo(grant);
        }
        assertThat(received("request.rejected", rejected).get("grantId").asString())
                .isEqualTo(grant);
        assertThat(received("request.cancelled", cancelled).get("grantId").asString())
                .isEqualTo(grant);
        assertThat(received("request.expired", expired).get("grantId").asString())
                .isEqualTo(grant);
        assertThat(grantToldTo(dev, NotificationKind.REQUEST_DECIDED, rejected)).isEqualTo(grant);
        assertThat(grantToldTo(dev, NotificationKind.REQUEST_DECIDED, expired)).isEqualTo(grant);
    }

    @Test
    void theEventsOfARequestForNewAccessNameNoGrantBeforeItsApproval() {
        String resource = aResourceWithExtensions();
        String rejected = requestFor(resource);
        reject(rejected);
        String cancelled = requestFor(resource);
        cancel(cancelled);
        String expired = requestFor(resource);
        expire(expired);

        for (String request : List.of(rejected, cancelled, expired)) {
            assertThat(received("request.created", request).get("grantId").isNull())
                    .isTrue();
            assertThat(received("request.step_started", request).get("grantId").isNull())
                    .isTrue();
            assertThat(grantToldTo(lisa, NotificationKind.STEP_OPENED, request)).isNull();
        }
        assertThat(received("request.rejected", rejected).get("grantId").isNull())
                .isTrue();
        assertThat(received("request.cancelled", cancelled).get("grantId").isNull())
                .isTrue();
        assertThat(received("request.expired", expired).get("grantId").isNull()).isTrue();
        assertThat(grantToldTo(dev, NotificationKind.REQUEST_DECIDED, rejected)).isNull();
        assertThat(grantToldTo(dev, NotificationKind.REQUEST_DECIDED, expired)).isNull();
    }
}
