package io.countersign.web.pages;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is signed in, for the layout's navigation ({@code ${@signedIn.name()}}). The layout asks this
 * bean rather than its model because pages rendered for a failure (not found, not allowed, a refused
 * filter) get no model attributes from the page's advice, and because they also serve people who are
 * not signed in. Spring Security's anonymous user is nobody: a visitor is offered no navigation and no
 * sign-out, let alone under the name "anonymousUser".
 */
@Component("signedIn")
public class SignedIn {

    /** The signed-in person's username, or null when nobody is signed in. */
    public String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return null;
        }
        return authentication.getName();
    }
}
