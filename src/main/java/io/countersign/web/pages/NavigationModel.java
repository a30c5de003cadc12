package io.countersign.web.pages;

import io.countersign.security.CountersignPrincipal;
import io.countersign.shared.Role;
import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Which links the navigation offers the signed-in person: only pages their role may open, so that
 * nobody is shown a link that answers "forbidden". The pages are guarded on their own all the same.
 */
@ControllerAdvice(basePackageClasses = NavigationModel.class)
class NavigationModel {

    @ModelAttribute("readsEverything")
    boolean readsEverything(Principal principal) {
        Role role = roleOf(principal);
        return role == Role.ADMIN || role == Role.AUDITOR;
    }

    @ModelAttribute("mayRequest")
    boolean mayRequest(Principal principal) {
        Role role = roleOf(principal);
        return role == Role.ADMIN || role == Role.USER;
    }

    /** The break-glass uses: every one for administrators and auditors, a user's own to review or told of. */
    @ModelAttribute("readsBreakGlass")
    boolean readsBreakGlass(Principal principal) {
        Role role = roleOf(principal);
        return role == Role.ADMIN || role == Role.AUDITOR || role == Role.USER;
    }

    @ModelAttribute("administrator")
    boolean administrator(Principal principal) {
        return roleOf(principal) == Role.ADMIN;
    }

    private static Role roleOf(Principal principal) {
        if (principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof CountersignPrincipal signedIn) {
            return signedIn.role();
        }
        return null;
    }
}
