package io.countersign.web.pages.admin;

import io.countersign.security.CountersignPrincipal;
import io.countersign.shared.Role;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the layout of every page whether to show the "Administration" link: only to an ADMIN. The
 * pages themselves are guarded by the security configuration; hiding the link is only courtesy.
 */
@ControllerAdvice(basePackages = "io.countersign.web.pages")
class AdministrationLink {

    @ModelAttribute("administrator")
    boolean administrator() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getPrincipal() instanceof CountersignPrincipal principal
                && principal.role() == Role.ADMIN;
    }
}
