package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.time.Duration;
import java.time.Instant;

/** Opens requests and drives them through real transitions; no state is set behind the aggregate's back. */
final class RequestFixtures {

    static final Instant CREATED = Instant.parse("2030-01-01T09:00:00Z");
    static final Duration TTL = Duration.ofHours(24);
    static final String REQUESTER = "dev";

    private RequestFixtures() {}

    static Actor person(String username) {
        return new Actor(username, Role.USER, Channel.API, "10.0.0.1");
    }

    static AccessRequest open(ApprovalPlan plan) {
        RequestDetails details = new RequestDetails(
                "req-test0001",
                REQUESTER,
                "prod-postgresql",
                "rw-admin",
                Duration.ofHours(2),
                null,
                "INC-1 failover",
                "INC-1",
                plan.policyName(),
                REQUESTER,
                CREATED,
                CREATED.plus(TTL),
                REQUESTER,
                REQUESTER);
        // in these plain tests a person's id is their name
        AccessRequest request = AccessRequest.open(details, plan, person(REQUESTER), name -> name);
        request.pullEvents();
        return request;
    }

    /** A two-step request (1 of lisa/tom, then 2 of carol/sam/eve) in the given final or pending state. */
    static AccessRequest twoStepIn(RequestStatus status) {
        AccessRequest request = open(Plans.plan(
                Plans.step("Manager Review", 1, "lisa", "tom"),
                Plans.step("Security Review", 2, "carol", "sam", "eve")));
        Instant at = CREATED.plusSeconds(60);
        switch (status) {
            case PENDING -> {}
            case APPROVED -> {
                request.approve(person("lisa"), "lisa", null, at);
                request.approve(person("carol"), "carol", null, at);
                request.approve(person("sam"), "sam", null, at);
            }
            case REJECTED -> request.reject(person("lisa"), "lisa", "no", at);
            case CANCELLED -> request.cancel(person(REQUESTER), REQUESTER, null, at);
            case EXPIRED -> DueTimer.expireIfDue(request, CREATED.plus(TTL));
        }
        request.pullEvents();
        return request;
    }
}
