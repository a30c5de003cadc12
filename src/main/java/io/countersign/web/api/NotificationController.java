package io.countersign.web.api;

import io.countersign.notify.DeliveryState;
import io.countersign.notify.NotificationDeliveries;
import io.countersign.notify.RequestNotification;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notification deliveries for administrators (the webhook deliveries' shape, with dead letters and
 * redelivery), and who was notified about a request, for whoever may see the request.
 */
@Tag(name = "Notifications", description = "What was sent to whom on which channel, and sending it again.")
@RestController
class NotificationController {

    /** One line of "notified via …": the recipient's username and the kind's subscription key. */
    record NotifiedResponse(
            String recipient,
            String channel,
            String kind,
            Integer step,
            DeliveryState state,
            Instant at,
            Instant deliveredAt) {

        static NotifiedResponse of(RequestNotification n) {
            return new NotifiedResponse(
                    n.recipient(), n.channel(), n.kind().key(), n.step(), n.state(), n.at(), n.deliveredAt());
        }
    }

    private final NotificationDeliveries deliveries;
    private final Requests requests;

    NotificationController(NotificationDeliveries deliveries, Requests requests) {
        this.deliveries = deliveries;
        this.requests = requests;
    }

    @Operation(operationId = "listNotificationDeliveries", summary = "List notification deliveries, newest first")
    @GetMapping("/api/v1/notifications/deliveries")
    DeliveryPageResponse list(
            Actor actor,
            @Parameter(schema = @Schema(implementation = DeliveryState.class)) @RequestParam(required = false)
                    String state,
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return DeliveryPageResponse.of(deliveries.list(actor, state, recipient, channel, cursor, limit));
    }

    @Operation(operationId = "getNotificationDelivery", summary = "Read one notification delivery")
    @GetMapping("/api/v1/notifications/deliveries/{deliveryId}")
    @ReadOfObject
    DeliveryResponse delivery(Actor actor, @PathVariable String deliveryId) {
        return DeliveryResponse.of(deliveries.get(actor, deliveryId));
    }

    @Operation(operationId = "redeliverNotification", summary = "Send a notification delivery again")
    @PostMapping("/api/v1/notifications/deliveries/{deliveryId}/redeliver")
    @ActionOnObject
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryResponse redeliver(Actor actor, @PathVariable String deliveryId) {
        return DeliveryResponse.of(deliveries.redeliver(actor, deliveryId));
    }

    @Operation(operationId = "listRequestNotifications", summary = "Who was told about a request, on which channel")
    @GetMapping("/api/v1/requests/{id}/notifications")
    List<NotifiedResponse> aboutRequest(Actor actor, @PathVariable String id) {
        String requestId = requests.get(actor, id).id();
        return deliveries.about(requestId).stream().map(NotifiedResponse::of).toList();
    }
}
