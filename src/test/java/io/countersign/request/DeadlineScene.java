package io.countersign.request;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The cast of a deadline scenario, built through the API: {@code dev} asks, {@code lisa} approves and
 * a step escalates to the {@code director}; with the requests that carry a time-to-live or a step
 * deadline, and what the service then records by itself.
 */
final class DeadlineScene {

    final Organisation org;
    final Person dev;
    final Person lisa;
    final Person director;
    private final Api api;
    private final SystemActions system;

    DeadlineScene(Api api, JdbcClient jdbc) {
        this.api = api;
        this.system = new SystemActions(jdbc);
        this.org = new Organisation(api);
        this.dev = org.person("dev");
        this.lisa = org.person("lisa");
        this.director = org.person("director");
    }

    /** A request by dev whose one step (lisa) leaves it pending for two hours at most. */
    String requestLivingTwoHours() {
        return org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)), Map.of("requestTtl", "PT2H"));
    }

    /**
     * A request by dev whose one step (lisa) times out after 30 minutes, as {@code onTimeout} says;
     * {@code ESCALATE} goes to the director.
     */
    String requestWhoseStepTimesOut(String onTimeout) {
        Map<String, Object> step = onTimeout.equals("ESCALATE")
                ? Organisation.escalatingStep("Manager", lisa, "PT30M", director)
                : Organisation.timedStep("Manager", lisa, "PT30M", onTimeout);
        return org.pendingRequest(dev, List.of(step));
    }

    /** The request as its requester sees it. */
    JsonNode read(String id) {
        return api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
    }

    /** The audit actions the service recorded by itself for the request, oldest first. */
    List<String> systemActions(String id) {
        return system.on(id);
    }
}
