package io.countersign.web.pages;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.request.AccessRequest;
import io.countersign.request.ActionTokenRefused;
import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.ActionTokenView;
import io.countersign.request.ActionTokens;
import io.countersign.request.RequestStatus;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.InvalidInputException;
import io.countersign.web.pages.admin.FormErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a decision link in a mail opens. The token in the address is the credential: whoever holds
 * it may decide that one step as that one approver, once, without signing in. Only a link's own
 * token ({@code WEB}) opens it: a mail reply code lies in mail logs and mailboxes, where it is safe
 * only because a reply must also come from the approver's address.
 *
 * <p>GET only shows what would be decided: mail scanners and link previews fetch links on their own,
 * so a GET must never decide. POST decides. The form needs no separate CSRF token: a forged
 * cross-site POST would have to know the 160-bit action token in the address, and knowing it is
 * already all the power the form gives; no cookie or session is involved.
 */
@Controller
@RequestMapping("/actions/{token}")
class ActionPageController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ActionTokens tokens;
    private final Requests requests;
    private final Directory directory;
    private final LinkRefusals refusals;
    private final Clock clock;

    ActionPageController(
            ActionTokens tokens, Requests requests, Directory directory, LinkRefusals refusals, Clock clock) {
        this.tokens = tokens;
        this.requests = requests;
        this.directory = directory;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        protect(model, response);
        Optional<ActionTokenView> view = view(token);
        Optional<Reason> refusal = refusal(view);
        if (refusal.isPresent() && refusal.get() != Reason.CHANNEL_NOT_ALLOWED) {
            return refused(refusal.get(), model, response);
        }
        model.addAttribute("page", ActionPage.of(view.orElseThrow(), directory));
        refusal.ifPresentOrElse(
                reason -> model.addAttribute("refusal", RefusalText.of(reason)), () -> offer(token, view.get(), model));
        return "actions/decide";
    }

    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String decide(
            @PathVariable String token,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String comment,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        protect(model, response);
        if (!asSent(token)) {
            refusals.refused(token, Reason.UNKNOWN, request.getRemoteAddr());
            return refused(Reason.UNKNOWN, model, response);
        }
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            return again(token, comment, "Choose Approve or Reject.", request, model, response);
        }
        boolean approve = decision.equals("approve");
        try {
            AccessRequest decided = tokens.redeem(token, Channel.WEB, approve, comment, null, request.getRemoteAddr());
            model.addAttribute("title", approve ? "Approved" : "Rejected");
            model.addAttribute("message", outcome(decided, approve));
            return "actions/outcome";
        } catch (ActionTokenRefused refused) {
            refusals.refused(token, refused.refusal(), request.getRemoteAddr());
            Optional<ActionTokenView> view = approve ? view(token) : Optional.empty();
            if (view.isPresent() && onlyReject(view.get()).isPresent()) {
                // refused only for approving: the page again, offering the rejection that is still theirs
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("page", ActionPage.of(view.get(), directory));
                model.addAttribute("comment", comment);
                offer(token, view.get(), model);
                return "actions/decide";
            }
            return refused(refused.refusal(), model, response);
        } catch (InvalidInputException invalid) {
            // a problem of the comment alone is said beside it, as every refused field is
            Optional<RefusedComment> aboutComment = RefusedComment.of(invalid, "", decision, comment);
            aboutComment.ifPresent(refused ->
                    model.addAttribute("errors", new FormErrors(Map.of("comment", refused.message()), null)));
            String error = aboutComment.isPresent() ? null : invalid.getMessage();
            return again(token, comment, error, request, model, response);
        }
    }

    /** The link's token and request, read without using it; empty for an address that holds no link. */
    private Optional<ActionTokenView> view(String token) {
        return asSent(token) ? tokens.peek(token, Channel.WEB) : Optional.empty();
    }

    /**
     * Why the link cannot decide now, if it cannot. A link that can no longer decide is no window on the
     * request either: not for whoever finds an old mail, nor for an approver who has left or has decided
     * the step already. Only a step kept off the web ({@code CHANNEL_NOT_ALLOWED}) is still shown, without
     * buttons, and only on GET. A well-formed decision is left to {@code redeem}, which also commits a
     * timeout it finds overdue.
     */
    private Optional<Reason> refusal(Optional<ActionTokenView> view) {
        if (view.isEmpty()) {
            return Optional.of(Reason.UNKNOWN);
        }
        return view.get().refusalAt(clock.instant()).or(() -> neitherWay(view.get()));
    }

    /**
     * Whether the address holds the token and nothing around it. Decision tokens forgive the spaces
     * and upper case a mail system may add to a reply code; a link's address is not retyped on the
     * way, so a space or tab escaped into it makes another address, which decides nothing.
     */
    private static boolean asSent(String token) {
        return token.equals(token.strip());
    }

    /**
     * The decision page again, with what was typed and what was wrong with it; nothing was decided. A
     * link that can no longer decide is refused here as on GET, and as a refused decision.
     */
    private String again(
            String token,
            String comment,
            String error,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        Optional<ActionTokenView> view = view(token);
        Optional<Reason> refusal = refusal(view);
        if (refusal.isPresent()) {
            refusals.refused(token, refusal.get(), request.getRemoteAddr());
            return refused(refusal.get(), model, response);
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("page", ActionPage.of(view.get(), directory));
        offer(token, view.get(), model);
        model.addAttribute("comment", comment);
        model.addAttribute("error", error);
        return "actions/decide";
    }

    /**
     * The form, with Approve only where the approver may approve: one kept from approving by
     * separation of duties across steps is offered Reject alone, and told why, as the request page does.
     */
    private void offer(String token, ActionTokenView view, Model model) {
        model.addAttribute("formToken", token);
        onlyReject(view).ifPresent(reason -> model.addAttribute("rejectOnly", RefusalText.ofPageRejectOnly(reason)));
    }

    /** Why the link's approver may reject its step but not approve it; empty when they may approve it. */
    private Optional<Reason> onlyReject(ActionTokenView view) {
        return standing(view, requests::whyOnlyReject);
    }

    /**
     * Why the link's approver may decide its step neither way, such as having decided it already through
     * the API or the request's page: buttons that could only be refused are not offered.
     */
    private Optional<Reason> neitherWay(ActionTokenView view) {
        return standing(view, requests::whyNotReject);
    }

    /** What {@code rule} says of the link's approver and its request, as the request's page asks it. */
    private Optional<Reason> standing(ActionTokenView view, BiFunction<Actor, AccessRequest, Optional<Reason>> rule) {
        Optional<User> approver = view.approver() == null ? Optional.empty() : directory.findUser(view.approver());
        return approver.flatMap(user -> requests.find(view.requestId())
                .flatMap(request -> rule.apply(new Actor(user.username(), user.role(), Channel.WEB, null), request)));
    }

    private static String refused(Reason reason, Model model, HttpServletResponse response) {
        response.setStatus(reason == Reason.UNKNOWN ? HttpStatus.NOT_FOUND.value() : HttpStatus.CONFLICT.value());
        model.addAttribute("title", RefusalText.NOTHING_DECIDED);
        model.addAttribute("message", RefusalText.of(reason));
        return "actions/outcome";
    }

    private static String outcome(AccessRequest request, boolean approved) {
        String recorded = (approved ? "Your approval of " : "Your rejection of ") + request.id() + " was recorded. ";
        if (request.status() == RequestStatus.APPROVED) {
            return recorded + "Every step is approved: access is granted.";
        }
        if (request.status() == RequestStatus.PENDING) {
            return recorded + "The request waits for further approvals.";
        }
        return recorded + "The request is " + request.status().name().toLowerCase(Locale.ROOT) + ".";
    }

    /**
     * Headers for a page that carries a credential in its address: not cached, not leaked through
     * Referer, and no script at all; the one inline style block runs under a fresh nonce.
     */
    private static void protect(Model model, HttpServletResponse response) {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        String nonce = Base64.getEncoder().encodeToString(bits);
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'nonce-" + nonce
                        + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        model.addAttribute("nonce", nonce);
    }
}
