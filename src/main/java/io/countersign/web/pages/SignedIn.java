package io.countersign.web.pages;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is signed in, for the layout's navigation, read from the security context because some pages
 * (not allowed, not found) also serve people who are not. Spring Security's anonymous user is nobody:
 * a visitor is offered no navigation and no sign-out, let alone under the name "anonymousUser".
 */
final class SignedIn {

    private SignedIn() {}

    /** The signed-in person's username, or null when nobody is signed in. */
    static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return null;
        }
        return authentication.getName();
    }
}
