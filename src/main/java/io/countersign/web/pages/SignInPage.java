package io.countersign.web.pages;

import io.countersign.security.OidcProperties;
import io.countersign.security.SingleSignOnStart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in form, with the single sign-on button when a provider is configured; Spring Security
 * handles its POST, the failures and sign-out.
 */
@Controller
class SignInPage {

    /** Why a single sign-on ended back here; the codes come from the security module's failure handler. */
    private static final Map<String, String> SINGLE_SIGN_ON_ERRORS = Map.of(
            "unknown_user",
            "Your single sign-on account has no Countersign user. Ask an administrator to add you.",
            "inactive_user",
            "Your Countersign user is deactivated. Ask an administrator if you need access again.",
            "shared_email",
            "More than one Countersign user has your single sign-on account's e-mail address, so Countersign"
                    + " cannot tell which one is yours. Ask an administrator.",
            "unusable_account",
            "Your single sign-on account gives no username or e-mail address Countersign can use."
                    + " Ask an administrator.",
            "unverified_email",
            "Your single sign-on account gives no verified e-mail address, which Countersign needs to create"
                    + " your user. Ask an administrator to add you.",
            "invalid_email",
            "The e-mail address your single sign-on account gives is not one Countersign can use."
                    + " Ask an administrator to add you.");

    private final OidcProperties singleSignOn;

    SignInPage(OidcProperties singleSignOn) {
        this.singleSignOn = singleSignOn;
    }

    @GetMapping("/login")
    String show(
            @RequestParam(name = "sso", required = false) String failure,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("singleSignOn", singleSignOn.enabled());
        // each tab's button goes on to the page that tab was sent here from, not the one opened last
        model.addAttribute("singleSignOnStart", SingleSignOnStart.addressFor(request, response));
        if (failure != null) {
            model.addAttribute(
                    "singleSignOnError",
                    SINGLE_SIGN_ON_ERRORS.getOrDefault(
                            failure, "Single sign-on did not succeed. Try again, or sign in with your password."));
        }
        return "pages/login";
    }

    /**
     * Spring Security's sign-in filter answers the form's POST before any controller would; declared here
     * so that the address's OPTIONS answer and a 405's {@code Allow} name it with GET. Should the filter
     * ever let one through, nobody is signed in by it: the form is shown again.
     */
    @PostMapping("/login")
    String signIn() {
        return "redirect:/login";
    }
}
