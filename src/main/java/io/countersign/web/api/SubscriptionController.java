package io.countersign.web.api;

import io.countersign.notify.Subscriptions;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscriptions: a user's own (the user or an administrator; anyone else gets 404) and the
 * administrator's defaults, each {@code {"step_opened": ["EMAIL"], ...}}.
 */
@RestController
class SubscriptionController {

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Operation(operationId = "getSubscriptions", summary = "Read a user's subscriptions")
    @GetMapping("/api/v1/users/{username}/subscriptions")
    Map<String, List<String>> get(Actor actor, @PathVariable String username) {
        return subscriptions.of(actor, username);
    }

    @Operation(operationId = "replaceSubscriptions", summary = "Change a user's subscriptions")
    @PutMapping("/api/v1/users/{username}/subscriptions")
    Map<String, List<String>> replace(
            Actor actor, @PathVariable String username, @RequestBody Map<String, List<String>> body) {
        return subscriptions.replace(actor, username, body);
    }

    @Operation(operationId = "getDefaultSubscriptions", summary = "Read the default subscriptions")
    @GetMapping("/api/v1/settings/subscriptions")
    Map<String, List<String>> defaults(Actor actor) {
        return subscriptions.defaults(actor);
    }

    @Operation(operationId = "replaceDefaultSubscriptions", summary = "Change the default subscriptions")
    @PutMapping("/api/v1/settings/subscriptions")
    Map<String, List<String>> replaceDefaults(Actor actor, @RequestBody Map<String, List<String>> body) {
        return subscriptions.replaceDefaults(actor, body);
    }
}
