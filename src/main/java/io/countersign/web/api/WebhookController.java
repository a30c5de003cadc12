package io.countersign.web.api;

import io.countersign.notify.DeliveryState;
import io.countersign.notify.Webhook;
import io.countersign.notify.WebhookDeliveries;
import io.countersign.notify.WebhookInput;
import io.countersign.notify.Webhooks;
import io.countersign.shared.Actor;
import io.countersign.shared.NamePage;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Redacted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Webhook endpoints, their signing secrets, their deliveries and dead letters. Administrators only. */
@Tag(name = "Webhooks", description = "Signed event deliveries to other systems.")
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    record WebhookRequest(String url, List<String> events, String secret) {

        @Override
        public String toString() {
            return Redacted.toString(this, "secret");
        }
    }

    record SecretRequest(String secret) {

        @Override
        public String toString() {
            return Redacted.toString(this, "secret");
        }
    }

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;

    private final Revised revised;
    private final UnreadBodyValues unread;

    WebhookController(Webhooks webhooks, WebhookDeliveries deliveries, Revised revised, UnreadBodyValues unread) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.revised = revised;
        this.unread = unread;
    }

    record WebhookPage(List<WebhookResponse> items, String nextCursor) {}

    @ReportsUnreadValues
    @Operation(operationId = "createWebhook", summary = "Create a webhook")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new object and `ETag` its version")
    @PostMapping
    ResponseEntity<WebhookResponse> create(Actor actor, @RequestBody WebhookRequest body) {
        return revised.create(
                webhooks::revision,
                "/api/v1/webhooks/",
                WebhookResponse::id,
                () -> unread.refuseOr(() -> WebhookResponse.of(
                        webhooks.create(actor, new WebhookInput(body.url(), body.events(), body.secret())))));
    }

    /**
     * Without {@code limit} or {@code cursor}: every webhook as a plain array, oldest first. With
     * either: a page by id. {@code prefix} filters on the URL.
     */
    @Operation(operationId = "listWebhooks", summary = "List webhooks")
    @ApiResponse(
            responseCode = "200",
            description =
                    "Without `limit` or `cursor`: every webhook, oldest first, as a plain array. With either: one page `{items, nextCursor}`; `nextCursor` is null on the last page.",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {WebhookPage.class, WebhookResponse[].class})))
    @GetMapping
    Object list(
            @RequestParam(required = false) String prefix,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        if (!Listing.paged(cursor, limit)) {
            return Listing.withPrefix(webhooks.list(), prefix, Webhook::url).stream()
                    .map(WebhookResponse::of)
                    .toList();
        }
        NamePage<Webhook> page = webhooks.page(NameQuery.of("webhooks", prefix, cursor, limit));
        return new WebhookPage(page.items().stream().map(WebhookResponse::of).toList(), page.nextCursor());
    }

    @Operation(operationId = "getWebhook", summary = "Read a webhook")
    @GetMapping("/{id}")
    ResponseEntity<WebhookResponse> get(@PathVariable String id) {
        return revised.get(webhooks::revision, id, () -> WebhookResponse.of(webhooks.get(id)));
    }

    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook with its deliveries")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            Actor actor,
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        revised.delete(webhooks::revision, id, ifMatch, () -> webhooks.delete(actor, id));
    }

    @ReportsUnreadValues
    @Operation(operationId = "addWebhookSecret", summary = "Add a signing secret (rotation)")
    @ApiResponse(
            responseCode = "201",
            description = "Added; `Location` names the new secret (where `DELETE` retires it) and `ETag` the"
                    + " webhook's new version")
    @PostMapping("/{id}/secrets")
    ResponseEntity<WebhookResponse> addSecret(
            Actor actor,
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody SecretRequest body) {
        return revised.add(
                webhooks::revision,
                id,
                ifMatch,
                WebhookController::newestSecret,
                () -> unread.refuseOr(() -> WebhookResponse.of(webhooks.addSecret(actor, id, body.secret()))));
    }

    /** A secret added is numbered after every other the webhook had: the highest number is the new one. */
    private static String newestSecret(WebhookResponse webhook) {
        int number = webhook.secrets().stream()
                .mapToInt(WebhookResponse.SecretResponse::number)
                .max()
                .orElseThrow();
        return "/api/v1/webhooks/" + webhook.id() + "/secrets/" + number;
    }

    @Operation(operationId = "removeWebhookSecret", summary = "Retire a signing secret")
    @DeleteMapping("/{id}/secrets/{number}")
    ResponseEntity<WebhookResponse> removeSecret(
            Actor actor,
            @PathVariable String id,
            @PathVariable int number,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return revised.replace(
                webhooks::revision, id, ifMatch, () -> WebhookResponse.of(webhooks.removeSecret(actor, id, number)));
    }

    @Operation(operationId = "listWebhookDeliveries", summary = "List the deliveries of a webhook")
    @GetMapping("/{id}/deliveries")
    DeliveryPageResponse deliveries(
            @PathVariable String id,
            @RequestParam(required = false) DeliveryState state,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return DeliveryPageResponse.of(deliveries.list(id, state, cursor, limit));
    }

    @Operation(operationId = "getWebhookDelivery", summary = "Read one delivery with its attempts")
    @GetMapping("/deliveries/{deliveryId}")
    @ReadOfObject
    DeliveryResponse delivery(@PathVariable String deliveryId) {
        return DeliveryResponse.of(deliveries.get(deliveryId));
    }

    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a dead-lettered delivery again")
    @PostMapping("/deliveries/{deliveryId}/redeliver")
    @ActionOnObject
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryResponse redeliver(Actor actor, @PathVariable String deliveryId) {
        return DeliveryResponse.of(deliveries.redeliver(actor, deliveryId));
    }
}
