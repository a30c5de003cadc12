package io.countersign.security;

import io.countersign.shared.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may ask the access check: the roles the security filter chain admits on {@link #PATH}, and the
 * recognition of such a caller for the lean path that answers checks before that chain runs.
 */
@Component
public class AccessCheckCallers {

    public static final String PATH = "/api/v1/access/check";

    private static final Set<Role> ROLES = EnumSet.of(Role.ADMIN, Role.ENFORCER);

    private final BearerAuthentication bearer;

    AccessCheckCallers(BearerAuthentication bearer) {
        this.bearer = bearer;
    }

    /** The roles admitted, for the filter chain's rule. */
    static String[] roles() {
        return ROLES.stream().map(Role::name).toArray(String[]::new);
    }

    /**
     * The caller, when the request carries exactly one bearer header of printable ASCII (what the
     * filter chain's firewall lets through whichever way it looks) whose token authenticates a role
     * that may ask. Empty for anything else (no header or two, another scheme, an unknown or expired
     * token, another role): the filter chain answers those as always.
     *
     * @throws io.countersign.shared.database.DatabaseUnavailableException when the token must be looked
     *     up and the database does not answer in time
     */
    public Optional<CountersignPrincipal> recognise(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.size() != 1) {
            return Optional.empty();
        }
        String header = headers.get(0);
        if (!BearerAuthentication.presentsToken(header) || !printableAscii(header)) {
            return Optional.empty();
        }
        return bearer.authenticate(header)
                .map(AuthenticatedToken::principal)
                .filter(principal -> ROLES.contains(principal.role()));
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
