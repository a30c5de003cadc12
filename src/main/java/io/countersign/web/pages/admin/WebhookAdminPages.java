package io.countersign.web.pages.admin;

import io.countersign.notify.DeliveryPage;
import io.countersign.notify.DeliveryState;
import io.countersign.notify.EventType;
import io.countersign.notify.Webhook;
import io.countersign.notify.WebhookDeliveries;
import io.countersign.notify.Webhooks;
import io.countersign.shared.Actor;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import io.countersign.web.pages.Confirmation;
import io.countersign.web.pages.IndexedFields;
import io.countersign.web.pages.KnownParametersOnly;
import io.countersign.web.pages.ListPage;
import io.countersign.web.pages.RefusedFilters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhooks: the list, a form to add one (its signing secret is write-only), deleting one, the
 * deliveries of one with their state and attempts, and sending a dead letter again.
 */
@Controller
class WebhookAdminPages {

    private static final String FORM = "pages/admin/webhook-new";

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;

    WebhookAdminPages(Webhooks webhooks, WebhookDeliveries deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    /** The form sends its ticked events by name alone; an index names no more than there are event types. */
    @InitBinder("webhookForm")
    void events(WebRequest request) {
        IndexedFields.requireBelow(request, EventType.wireNames().size());
    }

    @GetMapping("/admin/webhooks")
    String list(Model model) {
        model.addAttribute("webhooks", webhooks.list());
        return "pages/admin/webhooks";
    }

    @GetMapping("/admin/webhooks/new")
    ModelAndView createForm() {
        return new ModelAndView(FORM, form(WebhookForm.blank()));
    }

    @PostMapping("/admin/webhooks")
    ModelAndView create(Actor actor, WebhookForm form, RedirectAttributes redirect) {
        return AdminForms.save(redirect, FORM, form(form.withoutSecret()), () -> {
            Webhook webhook = webhooks.create(actor, form.toInput());
            return new AdminForms.Done(
                    "/admin/webhooks/" + webhook.id() + "/deliveries", "Webhook " + webhook.id() + " is created.");
        });
    }

    @GetMapping("/admin/webhooks/{id}/delete")
    ModelAndView confirmDelete(@PathVariable String id) {
        webhooks.get(id);
        return Confirmation.page(
                "Delete webhook " + id + "?",
                "No more events are sent to it, and its deliveries, dead letters included, are deleted with it.",
                "/admin/webhooks/{id}/delete",
                "Delete the webhook",
                "/admin/webhooks",
                id);
    }

    @PostMapping("/admin/webhooks/{id}/delete")
    String delete(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        return AdminForms.act(
                redirect,
                "/admin/webhooks",
                "The webhook and its deliveries are deleted.",
                () -> webhooks.delete(actor, id));
    }

    /** Newest first; {@code state=DEAD} lists the dead letters. */
    @GetMapping("/admin/webhooks/{id}/deliveries")
    @KnownParametersOnly
    @ListPage
    String deliveries(
            @PathVariable String id,
            @RequestParam(name = "state", required = false) String asked,
            @RequestParam(required = false) String cursor,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        model.addAttribute("webhook", webhooks.get(id));
        // an event for an endpoint is never found no longer needed, so the list offers no SKIPPED
        List<DeliveryState> states = Arrays.stream(DeliveryState.values())
                .filter(s -> s != DeliveryState.SKIPPED)
                .toList();
        model.addAttribute("states", states);
        model.addAttribute("asked", asked);
        DeliveryPage page = RefusedFilters.listed(
                request,
                response,
                model,
                Set.of("state"),
                () -> {
                    DeliveryState state = offered(asked, states);
                    model.addAttribute("state", state);
                    return deliveries.list(id, state, cursor, null);
                },
                new DeliveryPage(List.of(), null));
        model.addAttribute("page", page);
        return "pages/admin/webhook-deliveries";
    }

    /** The state asked for in any case, as the API reads it, one the list offers; a refusal names those alone. */
    private static DeliveryState offered(String asked, List<DeliveryState> states) {
        if (asked == null || asked.isBlank()) {
            return null;
        }
        return states.stream()
                .filter(s -> s.name().equalsIgnoreCase(asked.trim()))
                .findFirst()
                .orElseThrow(() -> InvalidInputException.of(
                        "state",
                        "invalid_value",
                        "must be one of "
                                + String.join(
                                        ", ", states.stream().map(Enum::name).toList())));
    }

    @PostMapping("/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    String redeliver(
            Actor actor, @PathVariable String id, @PathVariable String deliveryId, RedirectAttributes redirect) {
        Webhook webhook = webhooks.get(id);
        if (!webhook.id().equals(deliveries.get(deliveryId).webhookId())) {
            throw new NotFoundException("delivery", deliveryId);
        }
        return AdminForms.act(
                redirect,
                "/admin/webhooks/" + webhook.id() + "/deliveries",
                "The event is queued to be sent again.",
                () -> deliveries.redeliver(actor, deliveryId));
    }

    private static Map<String, Object> form(WebhookForm form) {
        return Map.of("form", form, "eventTypes", EventType.wireNames());
    }
}
