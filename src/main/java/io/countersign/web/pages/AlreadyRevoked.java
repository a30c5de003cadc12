package io.countersign.web.pages;

import io.countersign.security.RevokedApiToken;
import java.util.Map;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a revoke page opened again says of a token already revoked (a second click, the browser's back
 * button): that it is, when and by whom, with nothing to press. Answered 200, as the page is what was
 * asked for; the not-found page stays for a token its owner never had.
 */
public record AlreadyRevoked(String section, String statement, TimedText detail, String back) {

    /** On the owner's profile, for a token of their own. */
    static ModelAndView onProfile(RevokedApiToken token) {
        return page(new AlreadyRevoked(
                "profile", "Your token " + named(token) + " is already revoked.", detail(token), "/profile"));
    }

    /** On the administration's list of every token, for a token of {@code owner}'s. */
    public static ModelAndView onAdministration(String owner, RevokedApiToken token) {
        return page(new AlreadyRevoked(
                "admin",
                "Token " + named(token) + " of " + owner + " is already revoked.",
                detail(token),
                "/admin/tokens"));
    }

    private static String named(RevokedApiToken token) {
        // a token revoked before its name was kept is known by its id alone
        return token.name() == null ? token.id() : token.name();
    }

    private static TimedText detail(RevokedApiToken token) {
        TimedText when = TimedText.of("It was revoked on ").then(token.revokedAt());
        return (token.revokedBy() == null ? when : when.then(" by " + token.revokedBy()))
                .then(". Every call made with it is refused; it cannot be restored.");
    }

    private static ModelAndView page(AlreadyRevoked revoked) {
        return new ModelAndView("pages/already-revoked", Map.of("revoked", revoked));
    }
}
