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
import io.countersign.shared.Problems;
import io.countersign.shared.RefusedException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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

    /** The fields whose value names something that must exist; not finding it is said beside them. */
    private static final Set<String> FIELDS_FOUND_BY_NAME = Set.of("resource", "account");

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
        Judged judged = judge(actor, form);
        model.addAttribute("explained", judged.explained());
        model.addAttribute("acceptable", !judged.errors().any());
        model.addAttribute("previewed", true);
        return show(actor, form, judged.errors(), model);
    }

    @PostMapping("/requests/new")
    String submit(
            Actor actor, NewRequestForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            CreatedRequest created = requests.create(actor, form.toInput(), form.key());
            redirect.addFlashAttribute("message", "Your request is sent.");
            return "redirect:/requests/" + created.request().id();
        } catch (CountersignException e) {
            // a refused form answers as the other forms do, whatever the service called the refusal
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            if (e instanceof RefusedException refused && "idempotency_key_reused".equals(refused.reason())) {
                // the form was sent before with other answers (back, change, send): this is a new request
                return show(
                        actor,
                        form.withKey(UUID.randomUUID().toString()),
                        FormErrors.general("This form was already sent as another request. Check what it says and"
                                + " send it again to make this one a new request."),
                        model);
            }
            FormErrors every = judge(actor, form).errors();
            return show(actor, form, every.any() ? every : FormErrors.of(e), model);
        }
    }

    /** What explain made of the form, and every reason the request would be refused. */
    private record Judged(PolicyExplanation explained, FormErrors errors) {}

    /**
     * Every reason at once: what could not be read, the input's and the policy's issues, and also what
     * the service would say only once those are fixed (no policy, too few approvers), from the same
     * dry run the preview shows.
     */
    private Judged judge(Actor actor, NewRequestForm form) {
        Problems problems = new Problems();
        RequestInput input = form.read(problems);
        PolicyExplanation explained = explain(actor, input);
        List<String> refusals = new ArrayList<>();
        try {
            requests.check(actor, input);
        } catch (InvalidInputException e) {
            problems.addAll(e.issues());
            if (explained != null && !explained.matched()) {
                refusals.add(explained.refusal());
            } else if (explained != null && !explained.plan().isFeasible()) {
                refusals.add(String.join(" ", explained.plan().problems()));
            }
        } catch (NotFoundException e) {
            if (FIELDS_FOUND_BY_NAME.contains(e.kind())) {
                problems.add(e.kind(), "not_found", e.getMessage());
            } else {
                refusals.add(e.getMessage());
            }
        } catch (CountersignException e) {
            refusals.add(e.getMessage());
        }
        return new Judged(explained, FormErrors.of(problems.issues(), refusals));
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
        model.addAttribute("durations", FormDurations.INSTANCE);
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
