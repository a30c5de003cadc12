package io.countersign.web.pages;

import io.countersign.chat.ChatLinks;
import io.countersign.notify.Subscriptions;
import io.countersign.security.ApiToken;
import io.countersign.security.ApiTokens;
import io.countersign.security.Passwords;
import io.countersign.security.RevokedApiToken;
import io.countersign.security.SessionStamps;
import io.countersign.shared.Actor;
import io.countersign.shared.CountersignException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** My password, my notification subscriptions, my API tokens and my chat links. */
@Controller
class ProfilePage {

    private final Passwords passwords;
    private final SessionStamps sessionStamps;
    private final Subscriptions subscriptions;
    private final ApiTokens tokens;
    private final ChatLinks chatLinks;

    ProfilePage(
            Passwords passwords,
            SessionStamps sessionStamps,
            Subscriptions subscriptions,
            ApiTokens tokens,
            ChatLinks chatLinks) {
        this.sessionStamps = sessionStamps;
        this.passwords = passwords;
        this.subscriptions = subscriptions;
        this.tokens = tokens;
        this.chatLinks = chatLinks;
    }

    @GetMapping("/profile")
    String show(Actor actor, Model model) {
        if (!model.containsAttribute("subscriptions")) {
            model.addAttribute("subscriptions", subscriptions.of(actor, actor.username()));
        }
        model.addAttribute("hasPassword", passwords.exists(actor.username()));
        model.addAttribute("tokens", tokens.list(actor, actor.username()));
        model.addAttribute("chatLinks", chatLinks.list(actor, actor.username()));
        model.addAttribute("telegramSetUp", chatLinks.telegramSetUp());
        if (!model.containsAttribute("errors")) {
            // marked as the administration forms mark a refused field, by the same fragment
            model.addAttribute("errors", io.countersign.web.pages.admin.FormErrors.NONE);
        }
        return "pages/profile";
    }

    @PostMapping("/profile/password")
    String password(
            Actor actor,
            @RequestParam(required = false) String current,
            @RequestParam(name = "new", required = false) String replacement,
            @RequestParam(required = false) String repeated,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            if (!passwords.exists(actor.username())) {
                // nothing could be given as the current password: an administrator sets the first one
                throw InvalidInputException.of(
                        "current", "no_password", "You have no password to change. Ask an administrator to set one.");
            }
            if (replacement != null && !replacement.equals(repeated)) {
                throw InvalidInputException.of("repeated", "mismatch", "The two new passwords differ.");
            }
            passwords.change(actor, actor.username(), current == null ? "" : current, replacement);
        } catch (CountersignException e) {
            return refused(actor, model, response, e);
        }
        // the other sessions are signed out; this one, which knew the old password, stays
        sessionStamps.keep(request, actor.username());
        redirect.addFlashAttribute("message", "Your password is changed.");
        return "redirect:/profile";
    }

    /** Only the kinds changed are saved: those left as shown keep following the default, if they did. */
    @PostMapping("/profile/subscriptions")
    String subscriptions(
            Actor actor,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Map<String, List<String>> body = Map.of();
        try {
            body = SubscriptionForm.typed(form);
            Map<String, List<String>> changed =
                    SubscriptionForm.changed(body, subscriptions.of(actor, actor.username()));
            // a form with no kind at all is refused as the API refuses an empty body
            if (body.isEmpty() || !changed.isEmpty()) {
                subscriptions.replace(actor, actor.username(), changed);
            }
        } catch (CountersignException e) {
            // shown again as typed, so that the mistake can be seen and mended
            Map<String, List<String>> typed = new LinkedHashMap<>(subscriptions.of(actor, actor.username()));
            typed.putAll(body);
            model.addAttribute("subscriptions", typed);
            return refused(
                    actor,
                    model,
                    response,
                    e instanceof InvalidInputException invalid ? RefusedSubscriptions.worded(invalid, body) : e);
        }
        redirect.addFlashAttribute("message", "Your subscriptions are saved.");
        return "redirect:/profile";
    }

    /**
     * Only a token of the signed-in user's own is found: any other id is not found, whoever holds it. One
     * of theirs revoked already is said to be, for a page opened again after revoking it.
     */
    @GetMapping("/profile/tokens/{id}/revoke")
    ModelAndView confirmRevoke(Actor actor, @PathVariable String id) {
        Optional<RevokedApiToken> revoked = tokens.revoked(actor, actor.username(), id);
        if (revoked.isPresent()) {
            return AlreadyRevoked.onProfile(revoked.get());
        }
        ApiToken token = tokens.get(actor, actor.username(), id);
        return Confirmation.onProfile(
                "Revoke your token " + token.name() + "?",
                "Every call made with it is refused from now on, on every instance; it cannot be restored.",
                "/profile/tokens/{id}/revoke",
                "Revoke the token",
                token.id());
    }

    @PostMapping("/profile/tokens/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        // sent again from the browser's history, it says the token is already revoked, not that none was found
        return act(redirect, "The token is revoked.", () -> tokens.revokeOnce(actor, actor.username(), id));
    }

    /** The code is shown once, on the page this redirects to, and is kept nowhere but as its hash. */
    @PostMapping("/profile/chat-links")
    String linkTelegram(Actor actor, RedirectAttributes redirect) {
        if (!chatLinks.telegramSetUp()) {
            // a code no bot can receive would only be a puzzle to the person holding it
            redirect.addFlashAttribute("error", "No link code was issued: an administrator has not set up Telegram.");
            return "redirect:/profile";
        }
        return act(
                redirect,
                "Your link code is ready.",
                () -> redirect.addFlashAttribute(
                        "linkCode",
                        chatLinks
                                .createCode(actor, actor.username(), "TELEGRAM")
                                .code()));
    }

    @PostMapping("/profile/chat-links/{id}/delete")
    String unlink(Actor actor, @PathVariable String id, RedirectAttributes redirect) {
        return act(redirect, "The chat link is removed.", () -> chatLinks.unlink(actor, actor.username(), id));
    }

    /** The profile again with why a form was refused, answered as every refused form is: 400. */
    private String refused(Actor actor, Model model, HttpServletResponse response, CountersignException e) {
        if (e instanceof NotFoundException) {
            throw e;
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("error", FormOutcome.refusal(e));
        // each field's problems beside it too, as the administration forms say theirs
        model.addAttribute("errors", io.countersign.web.pages.admin.FormErrors.of(e));
        return show(actor, model);
    }

    private static String act(RedirectAttributes redirect, String done, Runnable change) {
        FormOutcome.run(redirect, done, change);
        return "redirect:/profile";
    }
}
