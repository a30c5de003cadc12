package io.countersign.web.pages;

import io.countersign.security.CountersignPrincipal;
import io.countersign.shared.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is signed in, and which pages the layout's navigation offers them ({@code ${@signedIn.name()}}):
 * only pages their role may open, so that nobody is shown a link that answers "forbidden". The layout
 * asks this bean rather than its model because pages rendered for a failure (not found, not allowed, a
 * refused filter) get no model attributes from the page's advice, and would offer a shorter menu than
 * every other page, and because they also serve people who are not signed in. Spring Security's
 * anonymous user is nobody: a visitor is offered no navigation and no sign-out, let alone under the
 * name "anonymousUser". The pages are guarded on their own all the same.
 */
@Component("signedIn")
public class SignedIn {

    /** The signed-in person's username, or null when nobody is signed in. */
    public String name() {
        Authentication authentication = person();
        return authentication == null ? null : authentication.getName();
    }

    public boolean readsEverything() {
        Role role = role();
        return role == Role.ADMIN || role == Role.AUDITOR;
    }

    public boolean mayRequest() {
        Role role = role();
        return role == Role.ADMIN || role == Role.USER;
    }

    /** The break-glass uses: every one for administrators and auditors, a user's own to review or told of. */
    public boolean readsBreakGlass() {
        Role role = role();
        return role == Role.ADMIN || role == Role.AUDITOR || role == Role.USER;
    }

    public boolean administrator() {
        return role() == Role.ADMIN;
    }

    private static Role role() {
        Authentication authentication = person();
        return authentication != null && authentication.getPrincipal() instanceof CountersignPrincipal signedIn
                ? signedIn.role()
                : null;
    }

    private static Authentication person() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return null;
        }
        return authentication;
    }
}
