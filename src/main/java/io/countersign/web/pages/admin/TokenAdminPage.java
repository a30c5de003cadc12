package io.countersign.web.pages.admin;

import io.countersign.security.ApiTokens;
import io.countersign.security.RevokedApiToken;
import io.countersign.shared.Actor;
import io.countersign.web.pages.AlreadyRevoked;
import io.countersign.web.pages.Confirmation;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Every user's API tokens (never their secrets), each of which an administrator may revoke. */
@Controller
class TokenAdminPage {

    private final ApiTokens tokens;

    TokenAdminPage(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/admin/tokens")
    String list(Actor actor, Model model) {
        model.addAttribute("tokens", tokens.all(actor));
        return "pages/admin/tokens";
    }

    /**
     * Asks only about a token the owner has: an unknown owner or token is the not-found page. One the
     * owner had and is revoked already is said to be, for a page opened again after revoking it.
     */
    @GetMapping("/admin/tokens/{owner}/{id}/revoke")
    ModelAndView confirmRevoke(Actor actor, @PathVariable String owner, @PathVariable String id) {
        Optional<RevokedApiToken> revoked = tokens.revoked(actor, owner, id);
        if (revoked.isPresent()) {
            return AlreadyRevoked.onAdministration(owner, revoked.get());
        }
        tokens.get(actor, owner, id);
        return Confirmation.page(
                "Revoke token " + id + " of " + owner + "?",
                "Every call made with it is refused from now on, on every instance; it cannot be restored.",
                "/admin/tokens/{owner}/{id}/revoke",
                "Revoke the token",
                "/admin/tokens",
                owner,
                id);
    }

    /**
     * Revoked at once on every instance, exactly as the API's DELETE; sent again, the form is told the
     * token is already revoked, while a token the owner never had stays the not-found page.
     */
    @PostMapping("/admin/tokens/{owner}/{id}/revoke")
    String revoke(Actor actor, @PathVariable String owner, @PathVariable String id, RedirectAttributes redirect) {
        return AdminForms.act(
                redirect, "/admin/tokens", "The token is revoked.", () -> tokens.revokeOnce(actor, owner, id));
    }
}
