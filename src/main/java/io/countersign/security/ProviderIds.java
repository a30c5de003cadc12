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
     * empty, which names no session. Neither may be longer than the columns that keep them or hold a
     * control character ({@link #problem}), since a sign-out naming them could then never be taken.
     */
    static String unusableInIdToken(Map<String, Object> claims) {
        Object subject = claims.get(JwtClaimNames.SUB);
        if (subject == null || (subject instanceof String text && text.isEmpty())) {
            return "the sub claim is empty";
        }
        if (subject instanceof String text && text.isBlank()) {
            return "the sub claim is blank";
        }
        String problem = problem(JwtClaimNames.SUB, subject);
        return problem != null ? problem : problem(SID, claims.get(SID));
    }

    /**
     * Why a {@code sub} or {@code sid} claim, when present, cannot name a person or a session, or null
     * when it can: it is text, at most {@value #MAX_LENGTH} characters long, and holds no control
     * character (PostgreSQL keeps no NUL in text at all) nor half of a surrogate pair, which no UTF-8
     * text has. Says which claim, never its value.
     */
    static String problem(String name, Object claim) {
        if (claim == null) {
            return null;
        }
        if (!(claim instanceof String id)) {
            return "the " + name + " claim is not a string";
        }
        if (id.length() > MAX_LENGTH) {
            return "the " + name + " claim is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                return "the " + name + " claim holds a control character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "the " + name + " claim holds a broken character";
            }
        }
        return null;
    }
}
