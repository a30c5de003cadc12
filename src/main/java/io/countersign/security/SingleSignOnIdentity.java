package io.countersign.security;

import io.countersign.shared.Names;
import io.countersign.shared.Text;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.converter.ClaimTypeConverter;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;

/**
 * Who the provider says signed in, read from the ID token and user-info claims.
 *
 * @param subject the provider's {@code sub} claim, which names the account there; null when missing
 * @param username the username from the configured claim, lower-cased in ASCII and nothing else, or from {@code email} when that
 *     claim is missing; an e-mail address stands in only when the provider has verified it (anyone can
 *     type an address they do not own into an unverified profile). An administrator who names {@code
 *     email} as the username claim vouches for it as for any other claim (Entra ID never sends {@code
 *     email_verified}), so it is taken as it is; null when there is none
 * @param email the e-mail address, if any
 * @param emailVerified whether the provider vouches for the address with the JSON {@code true}: a string
 *     {@code "true"} is not the claim the specification defines, so it vouches for nothing
 * @param displayName the {@code name} claim, if any
 * @param groups the group names from the groups claim; null when no groups claim is configured
 */
record SingleSignOnIdentity(
        String subject, String username, String email, boolean emailVerified, String displayName, List<String> groups) {

    /**
     * The username and e-mail claims are taken exactly as sent, only lower-cased in ASCII: trimming
     * {@code "admin\n"} or {@code " admin"} would make a provider account other than {@code admin}'s
     * into admin, so such a claim names no user and is refused as unusable.
     */
    static SingleSignOnIdentity from(Map<String, Object> claims, OidcProperties properties) {
        String email = exact(claims.get("email"));
        boolean emailVerified = Boolean.TRUE.equals(claims.get(StandardClaimNames.EMAIL_VERIFIED));
        String username = exact(claims.get(properties.usernameClaim()));
        return new SingleSignOnIdentity(
                exact(claims.get(StandardClaimNames.SUB)),
                Names.asciiLowerCase(username != null || !emailVerified ? username : email),
                email,
                emailVerified,
                text(claims.get("name")),
                properties.groupsClaim() == null ? null : names(claims.get(properties.groupsClaim())));
    }

    /**
     * The claims as Spring Security types them ({@code defaults}), but {@code email_verified} as the
     * provider sent it: Spring would turn the string {@code "true"} into the boolean.
     */
    static Converter<Map<String, Object>, Map<String, Object>> claimTypes(Map<String, Converter<Object, ?>> defaults) {
        Map<String, Converter<Object, ?>> converters = new HashMap<>(defaults);
        converters.remove(StandardClaimNames.EMAIL_VERIFIED);
        return new ClaimTypeConverter(converters);
    }

    /** A groups claim is a list of names, or one name; a missing claim means no groups. */
    private static List<String> names(Object claim) {
        if (claim instanceof Collection<?> many) {
            return many.stream()
                    .map(SingleSignOnIdentity::text)
                    .filter(n -> n != null)
                    .toList();
        }
        String one = text(claim);
        return one == null ? List.of() : List.of(one);
    }

    /** A claim that identifies the person, as sent; an empty one counts as missing. */
    private static String exact(Object claim) {
        return claim == null || String.valueOf(claim).isEmpty() ? null : String.valueOf(claim);
    }

    /** A claim that only describes the person: spaces are trimmed, as in any text field, and nothing else. */
    private static String text(Object claim) {
        return claim == null || String.valueOf(claim).isBlank() ? null : Text.strip(String.valueOf(claim));
    }
}
