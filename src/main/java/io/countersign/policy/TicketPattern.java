package io.countersign.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * A policy's ticket pattern, compiled and matched with RE2/J. RE2 matches in time linear in the
 * ticket's length whatever the pattern, so a pattern such as {@code (.*a){20}} cannot pin a server
 * thread the way a backtracking {@link java.util.regex.Pattern} does. The price is that RE2 has no
 * back-references and no look-around; such patterns are refused when the policy is saved.
 */
public final class TicketPattern {

    private TicketPattern() {}

    /** Why RE2 cannot take the pattern, or empty when it can. */
    public static Optional<String> problem(String pattern) {
        try {
            Pattern.compile(pattern);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("is not a regular expression RE2 accepts (no back-references or look-around): "
                    + e.getDescription()
                    + " in '" + e.getPattern() + "'");
        }
    }

    /** Whether the whole ticket matches; a pattern RE2 cannot take matches nothing, so it lets no ticket through. */
    public static boolean matches(String pattern, String ticket) {
        try {
            return Pattern.compile(pattern).matches(ticket);
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
