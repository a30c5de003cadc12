package io.countersign.web.pages;

import io.countersign.grant.Grant;
import io.countersign.grant.Grants;
import io.countersign.notify.NotificationDeliveries;
import io.countersign.request.AccessRequest;
import io.countersign.request.ActionTokenRefused;
import io.countersign.request.BreakGlassReviews;
import io.countersign.request.RequestPage;
import io.countersign.request.RequestQuery;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import io.countersign.shared.CountersignException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * My requests, my approvals and one request's timeline, over the same services and rules as the API:
 * a request the signed-in person may not see is a 404, a decision they may not make is refused.
 */
@Controller
class RequestPages {

    /** As many as the list of all requests shows at once. */
    static final int PAGE_SIZE = AllRequestsPage.PAGE_SIZE;

    /** The request whose decision form a comment given back belongs to. */
    private static final String COMMENT_OF = "commentOf";

    private final Requests requests;
    private final BreakGlassReviews reviews;
    private final Grants grants;
    private final NotificationDeliveries deliveries;
    private final Clock clock;

    RequestPages(
            Requests requests,
            BreakGlassReviews reviews,
            Grants grants,
            NotificationDeliveries deliveries,
            Clock clock) {
        this.requests = requests;
        this.reviews = reviews;
        this.grants = grants;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @GetMapping("/")
    @KnownParametersOnly
    @ListPage
    String mine(
            Actor actor,
            @RequestParam(required = false) String cursor,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        List<AccessRequest> mine = page(
                actor,
                new RequestQuery(null, actor.username(), null, null, cursor, PAGE_SIZE),
                "/",
                model,
                request,
                response);
        Map<String, Grant> granted =
                grants.forRequests(mine.stream().map(AccessRequest::id).toList());
        Instant now = clock.instant();
        model.addAttribute(
                "requests",
                mine.stream()
                        .map(r -> RequestView.of(r, granted.get(r.id()), now))
                        .toList());
        return "pages/my-requests";
    }

    @GetMapping("/approvals")
    @KnownParametersOnly
    @ListPage
    String approvals(
            Actor actor,
            @RequestParam(required = false) String cursor,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Instant now = clock.instant();
        List<AccessRequest> waiting = withDecided(
                actor,
                page(
                        actor,
                        new RequestQuery(null, null, null, "me", cursor, PAGE_SIZE),
                        "/approvals",
                        model,
                        request,
                        response),
                model);
        // the decision forms carry the page they are on, for a refusal to show that page again
        model.addAttribute("cursor", cursor == null || cursor.isBlank() ? null : cursor);
        model.addAttribute(
                "requests",
                waiting.stream().map(r -> RequestView.of(r, null, now)).toList());
        // the same rule as the request page: a step waiting on me may still be one I may not decide here
        Map<String, String> whyNot = new HashMap<>();
        Set<String> mayReject = new HashSet<>();
        waiting.forEach(r -> {
            boolean rejects = requests.whyNotReject(actor, r).isEmpty();
            if (rejects) {
                mayReject.add(r.id());
            }
            requests.whyNotDecide(actor, r).ifPresent(reason -> whyNot.put(r.id(), whyNot(reason, r, rejects)));
        });
        model.addAttribute("whyNot", whyNot);
        model.addAttribute("mayReject", mayReject);
        return "pages/approvals";
    }

    /**
     * The page's requests, with first the one whose decision was refused ({@link #COMMENT_OF}) when it is
     * on another page and may still be decided: its comment and message are shown beside it, whichever
     * page of the list the form was on, or however the list has moved since.
     */
    private List<AccessRequest> withDecided(Actor actor, List<AccessRequest> listed, Model model) {
        if (!(model.getAttribute(COMMENT_OF) instanceof String id)
                || listed.stream().anyMatch(r -> r.id().equals(id))) {
            return listed;
        }
        Optional<AccessRequest> decided;
        try {
            decided = Optional.of(requests.get(actor, id));
        } catch (NotFoundException e) {
            decided = Optional.empty();
        }
        return decided.filter(r -> requests.whyNotReject(actor, r).isEmpty())
                .map(r -> Stream.concat(Stream.of(r), listed.stream()).toList())
                .orElse(listed);
    }

    /**
     * One page of the list, newest first, with the links on to the next and back to the first; a cursor
     * this list did not give is named above it, with the status 400, as on the other lists.
     */
    private List<AccessRequest> page(
            Actor actor,
            RequestQuery query,
            String path,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        RequestPage page = RefusedFilters.listed(
                request, response, model, Set.of(), () -> requests.list(actor, query), AllRequestsPage.NOTHING);
        PageLinks.add(model, UriComponentsBuilder.fromPath(path), query.cursor(), page.nextCursor());
        return page.items();
    }

    @GetMapping("/requests/{id}")
    String show(Actor actor, @PathVariable String id, Model model) {
        // a reviewer of a break-glass use reads it without being otherwise involved, as in the API
        AccessRequest request = reviews.get(actor, id);
        model.addAttribute(
                "view",
                RequestView.of(
                        request,
                        grants.forRequest(request.id()).orElse(null),
                        grants.extendedBy(request).orElse(null),
                        requests.approversNow(request),
                        clock.instant()));
        model.addAttribute("notified", deliveries.about(request.id()));
        if (request.details().breakGlass()) {
            reviews.of(request.id())
                    .ifPresent(review -> model.addAttribute(
                            "review",
                            ReviewView.of(
                                    review, reviews.whyNotReview(actor, review).orElse(null), clock.instant())));
        }
        model.addAttribute("mayCancel", actor.username().equals(request.requester()));
        // exactly what the service would take: an approver kept from approving may still reject
        Optional<ActionTokenRefused.Reason> notApproving = requests.whyNotDecide(actor, request);
        boolean mayReject = requests.whyNotReject(actor, request).isEmpty();
        notApproving.ifPresent(reason -> model.addAttribute("whyNot", whyNot(reason, request, mayReject)));
        model.addAttribute("mayApprove", notApproving.isEmpty());
        model.addAttribute("mayDecide", mayReject);
        (notApproving.isEmpty()
                        ? requests.decidesOnBehalfOf(actor, request)
                        : requests.rejectsOnBehalfOf(actor, request))
                .ifPresent(delegator -> model.addAttribute("onBehalfOf", delegator));
        return "pages/request";
    }

    @PostMapping("/requests/{id}/approve")
    String approve(
            Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) String comment,
            @RequestParam(required = false) Integer step,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String cursor,
            HttpServletRequest form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        int shown = DecisionForms.shownStep(form, step);
        Decision decision = new Decision(actor, id, from, cursor, comment, "approve");
        return decide(
                decision,
                "Approved.",
                model,
                form,
                response,
                redirect,
                () -> requests.decideShownStep(actor, id, comment, shown, true));
    }

    @PostMapping("/requests/{id}/reject")
    String reject(
            Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) String comment,
            @RequestParam(required = false) Integer step,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String cursor,
            HttpServletRequest form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        int shown = DecisionForms.shownStep(form, step);
        Decision decision = new Decision(actor, id, from, cursor, comment, "reject");
        return decide(decision, "Rejected.", model, form, response, redirect, () -> {
            Problems problems = new Problems();
            problems.check(comment != null && !comment.isBlank(), "comment", "required", "Say why you reject.");
            problems.throwIfAny();
            requests.decideShownStep(actor, id, comment, shown, false);
        });
    }

    @PostMapping("/requests/{id}/cancel")
    String cancel(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        return act(id, "mine", null, redirect, "Cancelled.", null, null, () -> requests.cancel(actor, id, null));
    }

    @PostMapping("/grants/{id}/revoke")
    String relinquish(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        return act(
                id,
                "mine",
                null,
                redirect,
                "Access ended.",
                null,
                null,
                () -> grants.revoke(actor, id, "relinquished by the holder"));
    }

    /**
     * A decision as its form sent it: {@code form} is {@code approve} or {@code reject}, {@code cursor} the
     * page of the approvals the form was on.
     */
    private record Decision(Actor actor, String id, String from, String cursor, String comment, String form) {}

    /**
     * Decides, and goes back where the form was; a decision refused for what the form sent shows that
     * page again (400) with the comment in its field, and the message beside the comment when it is
     * about the comment alone, as the decision link's page does.
     */
    private String decide(
            Decision decision,
            String done,
            Model model,
            HttpServletRequest form,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Runnable change) {
        String id = decision.id();
        String from = decision.from();
        String field = decision.form() + "Comment";
        try {
            change.run();
        } catch (InvalidInputException e) {
            Optional<RefusedComment> refused = RefusedComment.of(e, id, decision.form(), decision.comment());
            if (refused.isPresent()) {
                model.addAttribute("refused", refused.get());
            } else {
                // a step the request does not have: the form was tampered with or is from another request
                model.addAttribute("error", RefusedComment.sentences(e) + " Nothing was decided.");
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute(field, decision.comment());
            model.addAttribute(COMMENT_OF, id);
            if ("approvals".equals(from)) {
                return approvals(decision.actor(), decision.cursor(), model, form, response);
            }
            return show(decision.actor(), id, model);
        } catch (CountersignException e) {
            // said in a banner on the page the form was on, as any other refusal of a form
            return act(id, from, decision.cursor(), redirect, done, decision.comment(), field, () -> {
                throw e;
            });
        }
        return act(id, from, decision.cursor(), redirect, done, null, null, () -> {});
    }

    /**
     * Runs a change and goes back where the form was, the page of the approvals it was on included; a
     * refusal is said on that page, and the comment typed (if any) is given back to the form it came from.
     */
    private String act(
            String id,
            String from,
            String cursor,
            RedirectAttributes redirect,
            String done,
            String comment,
            String form,
            Runnable change) {
        FormOutcome.run(redirect, done, change);
        if (comment != null
                && !comment.isBlank()
                && redirect.getFlashAttributes().containsKey("error")) {
            redirect.addFlashAttribute(form, comment);
            // the approvals page has a form per request: the comment goes back to the one it came from
            redirect.addFlashAttribute(COMMENT_OF, id);
        }
        if ("approvals".equals(from)) {
            return "redirect:"
                    + UriComponentsBuilder.fromPath("/approvals")
                            .queryParamIfPresent(
                                    "cursor", Optional.ofNullable(cursor).filter(c -> !c.isBlank()))
                            .build()
                            .encode()
                            .toUriString();
        }
        return "mine".equals(from) ? "redirect:/" : "redirect:/requests/" + id;
    }

    /** Why there is no Approve; {@code mayReject} when Reject is offered all the same. */
    private static String whyNot(ActionTokenRefused.Reason reason, AccessRequest request, boolean mayReject) {
        if (mayReject) {
            return RefusalText.ofPageRejectOnly(reason);
        }
        List<String> allowed = request.currentStep() < request.steps().size()
                ? request.steps().get(request.currentStep()).allowedDecisionChannels()
                : List.of();
        return RefusalText.ofPage(reason, allowed);
    }
}
