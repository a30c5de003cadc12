package io.countersign.web.api;

import io.countersign.notify.DeliveryState;
import io.countersign.notify.WebhookDeliveries;
import io.countersign.notify.WebhookInput;
import io.countersign.notify.Webhooks;
import io.countersign.shared.Actor;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Webhook endpoints, their signing secrets, their deliveries and dead letters. Administrators only. */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    record WebhookRequest(String url, List<String> events, String secret) {}

    record SecretRequest(String secret) {}

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;

    WebhookController(Webhooks webhooks, WebhookDeliveries deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WebhookResponse create(Actor actor, @RequestBody WebhookRequest body) {
        return WebhookResponse.of(webhooks.create(actor, new WebhookInput(body.url(), body.events(), body.secret())));
    }

    @GetMapping
    List<WebhookResponse> list() {
        return webhooks.list().stream().map(WebhookResponse::of).toList();
    }

    @GetMapping("/{id}")
    WebhookResponse get(@PathVariable String id) {
        return WebhookResponse.of(webhooks.get(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String id) {
        webhooks.delete(actor, id);
    }

    @PostMapping("/{id}/secrets")
    @ResponseStatus(HttpStatus.CREATED)
    WebhookResponse addSecret(Actor actor, @PathVariable String id, @RequestBody SecretRequest body) {
        return WebhookResponse.of(webhooks.addSecret(actor, id, body.secret()));
    }

    @DeleteMapping("/{id}/secrets/{number}")
    WebhookResponse removeSecret(Actor actor, @PathVariable String id, @PathVariable int number) {
        return WebhookResponse.of(webhooks.removeSecret(actor, id, number));
    }

    @GetMapping("/{id}/deliveries")
    DeliveryPageResponse deliveries(
            @PathVariable String id,
            @RequestParam(required = false) DeliveryState state,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return DeliveryPageResponse.of(deliveries.list(id, state, cursor, limit));
    }

    @GetMapping("/deliveries/{deliveryId}")
    DeliveryResponse delivery(@PathVariable String deliveryId) {
        return DeliveryResponse.of(deliveries.get(deliveryId));
    }

    @PostMapping("/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryResponse redeliver(Actor actor, @PathVariable String deliveryId) {
        return DeliveryResponse.of(deliveries.redeliver(actor, deliveryId));
    }
}
