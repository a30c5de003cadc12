package io.countersign.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID provider in the test JVM, with Countersign registered at it as {@link #CLIENT_ID}: it
 * issues the ID tokens sign-ins walk through, and signs the logout tokens it sends to the back channel.
 */
public final class SingleSignOnProvider {

    public static final String ISSUER_ID = "countersign";
    public static final String CLIENT_ID = "countersign-web";
    public static final String BACK_CHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final MockOAuth2Server server = new MockOAuth2Server();

    public SingleSignOnProvider start() {
        server.start();
        return this;
    }

    public void shutdown() {
        server.shutdown();
    }

    public MockOAuth2Server server() {
        return server;
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The settings that make Countersign at {@code baseUrl} sign in through this provider. */
    public Map<String, String> settingsFor(String baseUrl) {
        return Map.of(
                "countersign.base-url",
                baseUrl,
                "countersign.oidc.issuer",
                issuer(),
                "countersign.oidc.client-id",
                CLIENT_ID,
                "countersign.oidc.client-secret",
                "the provider's secret for countersign");
    }

    /** The claims the provider puts in the next ID token it issues; the subject follows the username. */
    public void says(Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(
                ISSUER_ID,
                subjectOf((String) claims.get("preferred_username")),
                "JWT",
                List.of(CLIENT_ID),
                claims,
                3600));
    }

    /**
     * The claims the provider puts in the next ID token it issues, with {@code subject} as its {@code
     * sub} whatever the username: a provider that sends a subject Countersign cannot use.
     */
    public void saysAs(String subject, Map<String, Object> claims) {
        server.enqueueCallback(
                new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    }

    /** The subject the provider gives the person who signs in as {@code username}. */
    public static String subjectOf(String username) {
        return "subject-" + username;
    }

    /** A person's claims, e-mail verified, in these groups. */
    public static Map<String, Object> claims(String username, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("preferred_username", username);
        claims.put("email", username.toLowerCase() + "@example.com");
        claims.put("email_verified", true);
        claims.put("name", "Person " + username);
        claims.put("groups", groups);
        return claims;
    }

    /**
     * A logout token about {@code subject} signed with the provider's key, with the back-channel logout
     * event and {@code claims} (a {@code sid}, say); for Countersign's client unless {@code claims} names
     * another {@code aud}, and a {@code null} value leaves a claim out, even one the provider always
     * sets ({@code exp}, say).
     */
    public String logoutToken(String subject, Map<String, Object> claims) {
        Map<String, Object> logout = new LinkedHashMap<>();
        logout.put("events", Map.of(BACK_CHANNEL_EVENT, Map.of()));
        logout.putAll(claims);
        @SuppressWarnings("unchecked")
        List<String> audience = (List<String>) logout.remove("aud");
        if (audience == null) {
            audience = List.of(CLIENT_ID);
        }
        return server.issueToken(
                        ISSUER_ID,
                        CLIENT_ID,
                        new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "logout+jwt", audience, logout, 120))
                .serialize();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
