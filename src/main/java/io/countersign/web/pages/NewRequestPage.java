package io.countersign.web.pages;

import io.countersign.policy.Policies;
import io.countersign.policy.PolicyExplanation;
import io.countersign.request.CreatedRequest;
import io.countersign.request.RequestInput;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import io.countersign.shared.CountersignException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.RefusedException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Request access: fill in the form, preview what the policy would make of it (the same dry run as
 * {@code POST /api/v1/policies/explain}, and the same checks as a real request), then ask. The
 * request is created by the same service as the API's, through the WEB channel of the session.
 */
@Controller
class NewRequestPage {

    private final Requests requests;
    private final Policies policies;
    private final RequestOptions options;

    NewRequestPage(Requests requests, Policies policies, RequestOptions options) {
        this.requests = requests;
        this.policies = policies;
        this.options = options;
    }

    @GetMapping("/requests/new")
    String form(Actor actor, Model model) {
        return show(actor, NewRequestForm.empty(UUID.randomUUID().toString()), FormErrors.none(), model);
    }

    /**
     * Suggestions while typing: what the signed-in person may ask for, by resource name prefix. Part
     * of the page (session and all), so no part of the API description.
     */
    @Hidden
    @GetMapping(value = "/requests/new/options", produces = "application/json")
    @ResponseBody
    List<RequestOptions.Option> suggestions(Actor actor, @RequestParam(required = false) String q) {
        return options.startingWith(actor.username(), q);
    }

    @PostMapping(value = "/requests/new", params = "preview")
    String preview(Actor actor, NewRequestForm form, Model model) {
        FormErrors errors = FormErrors.none();
        try {
            RequestInput input = form.toInput();
            model.addAttribute("explained", explain(actor, input));
            requests.check(actor, input);
            model.addAttribute("acceptable", true);
        } catch (CountersignException e) {
            errors = FormErrors.of(e);
        }
        model.addAttribute("previewed", true);
        return show(actor, form, errors, model);
    }

    @PostMapping("/requests/new")
    String submit(Actor actor, NewRequestForm form, Model model, RedirectAttributes redirect) {
        try {
            CreatedRequest created = requests.create(actor, form.toInput(), form.key());
            redirect.addFlashAttribute("message", "Your request is sent.");
            return "redirect:/requests/" + created.request().id();
        } catch (RefusedException e) {
            if (!"idempotency_key_reused".equals(e.reason())) {
                return show(actor, form, FormErrors.of(e), model);
            }
            // the form was sent before with other answers (back, change, send): this is a new request
            return show(
                    actor,
                    form.withKey(UUID.randomUUID().toString()),
                    FormErrors.general("This form was already sent as another request. Check what it says and"
                            + " send it again to make this one a new request."),
                    model);
        } catch (CountersignException e) {
            return show(actor, form, FormErrors.of(e), model);
        }
    }

    /** What explain says; null when the names do not resolve (the checks then say why). */
    private PolicyExplanation explain(Actor actor, RequestInput input) {
        if (input.resource() == null || input.account() == null) {
            return null;
        }
        try {
            return policies.explain(actor, null, input.resource(), input.account());
        } catch (InvalidInputException | NotFoundException unresolved) {
            return null;
        }
    }

    private String show(Actor actor, NewRequestForm form, FormErrors errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        List<RequestOptions.Option> suggested = options.startingWith(actor.username(), null);
        model.addAttribute(
                "resourceOptions",
                suggested.stream()
                        .map(RequestOptions.Option::resource)
                        .distinct()
                        .toList());
        model.addAttribute(
                "accountOptions",
                form.resource() == null
                        ? List.of()
                        : options.startingWith(actor.username(), form.resource()).stream()
                                .filter(o -> o.resource().equals(Names.canonical(form.resource())))
                                .map(RequestOptions.Option::account)
                                .toList());
        return "pages/request-new";
    }
}
