package io.countersign.web.api;

import io.countersign.notify.Subscriptions;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Subscriptions", description = "Which notifications go to which channels, per user and by default.")
@RestController
class SubscriptionController {

    private final Subscriptions subscriptions;
    private final UnreadBodyValues unread;

    SubscriptionController(Subscriptions subscriptions, UnreadBodyValues unread) {
        this.subscriptions = subscriptions;
        this.unread = unread;
    }

    @Operation(operationId = "getSubscriptions", summary = "Read a user's subscriptions")
    @GetMapping("/api/v1/users/{username}/subscriptions")
    @ReadOfObject
    Map<String, List<String>> get(Actor actor, @PathVariable String username) {
        return subscriptions.of(actor, username);
    }

    @ReportsUnreadValues
    @Operation(operationId = "replaceSubscriptions", summary = "Change a user's subscriptions")
    @PutMapping("/api/v1/users/{username}/subscriptions")
    Map<String, List<String>> replace(
            Actor actor, @PathVariable String username, @RequestBody Map<String, List<String>> body) {
        return unread.refuseOr(() -> subscriptions.replace(actor, username, body));
    }

    @Operation(operationId = "getDefaultSubscriptions", summary = "Read the default subscriptions")
    @GetMapping("/api/v1/settings/subscriptions")
    @ReadOfObject
    Map<String, List<String>> defaults(Actor actor) {
        return subscriptions.defaults(actor);
    }

    @ReportsUnreadValues
    @Operation(operationId = "replaceDefaultSubscriptions", summary = "Change the default subscriptions")
    @PutMapping("/api/v1/settings/subscriptions")
    Map<String, List<String>> replaceDefaults(Actor actor, @RequestBody Map<String, List<String>> body) {
        return unread.refuseOr(() -> subscriptions.replaceDefaults(actor, body));
    }
}
