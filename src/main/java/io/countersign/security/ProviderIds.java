package io.countersign.security;

import java.util.Map;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * The provider's names for a person and for their session there, the {@code sub} and {@code sid}
 * claims, as Countersign keeps and looks them up ({@link ProviderSignOuts}). A sign-in whose ID token
 * names them in a way that could not be kept, or not be matched by a later sign-out, is refused before
 * anyone is let in or any user or group changed; a logout token naming them so is refused too.
 */
final class ProviderIds {

    /** What the columns hold; OpenID Connect allows a subject of 255 ASCII characters. */
    static final int MAX_LENGTH = 255;

    static final String SID = "sid";

    private ProviderIds() {}

    /**
     * Why an ID token's {@code sub} and {@code sid} cannot be used, or null when they can: the subject
     * must be there and not blank, since the person is known by it; a session id may be missing or
     * empty, which names no session.
     */
    static String unusableInIdToken(Map<String, Object> claims) {
        Object subject = claims.get(JwtClaimNames.SUB);
        if (subject == null || (subject instanceof String text && text.isEmpty())) {
            return "the sub claim is empty";
        }
        if (subject instanceof String text && text.isBlank()) {
            return "the sub claim is blank";
        }
        return null;
    }
}
