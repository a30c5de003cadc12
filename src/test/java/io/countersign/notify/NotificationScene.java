package io.countersign.notify;

import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.DeliveryDispatcher;
import io.countersign.notify.internal.DueDeliveries;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Builds people, a resource under its own policy and requests through the API, and reads the
 * notifications that came of them. Every name is unique, so that tests sharing a database never meet.
 */
@TestComponent
public class NotificationScene {

    public static final Duration PATIENCE = Duration.ofSeconds(20);

    /** A user, their internal id and an API token that acts as them. */
    public record Person(String name, String id, String token) {}

    private final Api api;
    private final JdbcClient jdbc;
    private final MutableClock clock;
    private final DueDeliveries deliveries;
    private final DeliveryDispatcher dispatcher;
    private final RecordingSender sender;

    NotificationScene(
            Api api,
            JdbcClient jdbc,
            MutableClock clock,
            DueDeliveries deliveries,
            DeliveryDispatcher dispatcher,
            RecordingSender sender) {
        this.api = api;
        this.jdbc = jdbc;
        this.clock = clock;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.sender = sender;
    }

    /** Forgets what the sender saw and subscribes everybody to everything on its channel by default. */
    public void startFresh() {
        sender.reset();
        defaultsTo(List.of(RecordingSender.CHANNEL));
    }

    public Person person(String base) {
        String name = Api.unique(base);
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", name, "email", name + "@example.com")))
                .expect(201);
        String token = api.tokenFor(name);
        String id = jdbc.sql("select id from users where username = ?")
                .param(name)
                .query(String.class)
                .single();
        return new Person(name, id, token);
    }

    public static Map<String, Object> step(int required, Person... approvers) {
        return new LinkedHashMap<>(Map.of(
                "requiredApprovals",
                required,
                "approvers",
                List.of(approvers).stream().map(p -> Map.of("user", p.name())).toList()));
    }

    /** A step {@code approver} alone decides, whose policy takes decisions only through these channels. */
    public static Map<String, Object> stepDecidedOnlyThrough(Person approver, String... channels) {
        Map<String, Object> step = step(1, approver);
        step.put("allowedDecisionChannels", List.of(channels));
        return step;
    }

    /** A new resource governed by a policy with these steps and {@code extra} fields; returns the resource. */
    public String resource(List<Map<String, Object>> steps, Map<String, Object> extra) {
        String resource = api.resource("db");
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", Api.unique("policy"));
        policy.put("priority", 10);
        policy.put("conditions", Map.of("resourceName", resource));
        policy.put("steps", steps);
        policy.putAll(extra);
        api.asAdmin().post("/api/v1/policies", Api.json(policy)).expect(201);
        return resource;
    }

    /**
     * Policy fields that let a requester take access at once for up to an hour, telling {@code told} and
     * asking {@code reviewers} to review the use within 8 hours.
     */
    public static Map<String, Object> breakGlassTelling(Person told, List<Person> reviewers) {
        return Api.breakGlassBlock(
                "PT1H",
                List.of(Map.of("user", told.name())),
                reviewers.stream().map(p -> Map.of("user", p.name())).toList(),
                "PT8H");
    }

    /**
     * {@code requester} takes break-glass access to the admin account of {@code resource}, saying why,
     * with {@code fields} besides; the request as the API answers it.
     */
    public JsonNode breakGlass(Person requester, String resource, String justification, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.putAll(
                Map.of("resource", resource, "account", "admin", "breakGlass", true, "justification", justification));
        return api.as(requester.token())
                .post("/api/v1/requests", Api.json(body))
                .expect(201)
                .json();
    }

    /** The request {@code requester} makes for the admin account of a resource with these steps. */
    public JsonNode request(Person requester, List<Map<String, Object>> steps, Map<String, Object> extra) {
        return api.newRequest(requester.token(), resource(steps, extra), Map.of("duration", "PT1H"));
    }

    public String pending(Person requester, List<Map<String, Object>> steps) {
        return request(requester, steps, Map.of()).get("id").asString();
    }

    public void approve(Person approver, String requestId) {
        api.as(approver.token())
                .post("/api/v1/requests/" + requestId + "/approve", Api.json(Map.of("comment", "ok")))
                .expect(200);
    }

    /** When the grant {@code grantId}, held by {@code holder}, ends. */
    public Instant grantEnd(Person holder, String grantId) {
        return Instant.parse(api.as(holder.token())
                .get("/api/v1/grants/" + grantId)
                .expect(200)
                .json()
                .get("endsAt")
                .asString());
    }

    /** The holder asks for {@code duration} more on their grant; returns the extension request's id. */
    public String extend(Person holder, String grantId, String duration) {
        return api.as(holder.token())
                .post("/api/v1/grants/" + grantId + "/extend", Api.json(Map.of("duration", duration)))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    /** A webhook subscribed to these events, delivering to a port nothing listens on; returns its id. */
    String webhook(String path, String... events) {
        return api.webhook("http://127.0.0.1:9" + path, events);
    }

    /** Every channel for every kind, as the administrator's default. */
    public void defaultsTo(List<String> channels) {
        Map<String, List<String>> body = new LinkedHashMap<>();
        NotificationKind.keys().forEach(key -> body.put(key, channels));
        api.asAdmin().put("/api/v1/settings/subscriptions", Api.json(body)).expect(200);
    }

    /** The notification deliveries queued for a person, oldest first, as the administrator lists them. */
    public List<JsonNode> deliveriesTo(Person person) {
        List<JsonNode> newestFirst = new ArrayList<>(api.asAdmin()
                .get("/api/v1/notifications/deliveries?limit=100&recipient=" + person.name())
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public JsonNode notifiedAbout(String requestId) {
        return api.asAdmin()
                .get("/api/v1/requests/" + requestId + "/notifications")
                .expect(200)
                .json();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Moves time on and waits until the delivery task has attempted whatever became due. */
    public void advanceAndSettle(Duration duration) {
        clock.advance(duration);
        awaitNothingDue();
    }

    public void awaitNothingDue() {
        await().atMost(PATIENCE)
                .until(() -> deliveries.due(clock.instant(), 1000).isEmpty() && dispatcher.sendsInFlight() == 0);
    }
}
