package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/** Which single sign-on sessions a sign-out from the provider covers, by the provider's own times. */
@CountersignTest
class ProviderSignOutsTests {

    static final String ISSUER = "https://sso.example.com/realms/staff";

    @Autowired
    ProviderSignOuts signOuts;

    @Autowired
    MutableClock clock;

    final String subject = "subject-" + UUID.randomUUID();
    final Instant signedIn = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aSignOutNamingAProviderSessionCoversThatSessionAndNoOtherOfThePerson() {
        signOuts.record(logout(ISSUER, subject, "laptop", signedIn.plusSeconds(60)));

        assertThat(signOuts.covers(signIn(ISSUER, subject, "laptop", signedIn))).isTrue();
        assertThat(signOuts.covers(signIn(ISSUER, subject, "phone", signedIn))).isFalse();
    }

    @Test
    void aSignOutNamingOnlyTheSubjectCoversEverySessionOfThePersonAndNoOneElses() {
        signOuts.record(logout(ISSUER, subject, null, signedIn.plusSeconds(60)));

        assertThat(signOuts.covers(signIn(ISSUER, subject, "laptop", signedIn))).isTrue();
        assertThat(signOuts.covers(signIn(ISSUER, subject, "phone", signedIn))).isTrue();
        assertThat(signOuts.covers(signIn(ISSUER, subject, null, signedIn))).isTrue();
        assertThat(signOuts.covers(signIn(ISSUER, "someone-else", null, signedIn)))
                .isFalse();
    }

    @Test
    void aSessionWhoseTokenNamedNoProviderSessionEndsWithAnySignOutOfItsSubject() {
        signOuts.record(logout(ISSUER, subject, "laptop", signedIn.plusSeconds(60)));

        assertThat(signOuts.covers(signIn(ISSUER, subject, null, signedIn))).isTrue();
    }

    @Test
    void aSessionSignedInWithIdsNoSignInIsTakenWithNowEndsWithoutTheirBeingLookedUp() {
        assertThat(signOuts.covers(signIn(ISSUER, subject + "\u0000", null, signedIn)))
                .isTrue();
        assertThat(signOuts.covers(signIn(ISSUER, subject, "laptop\u0000", signedIn)))
                .isTrue();
        assertThat(signOuts.covers(signIn(ISSUER, "s".repeat(256), "laptop", signedIn)))
                .isTrue();
        assertThat(signOuts.covers(signIn(ISSUER, subject, "laptop", signedIn))).isFalse();
    }

    @Test
    void aSignInAfterTheSignOutOrAtAnotherProviderIsNotCovered() {
        signOuts.record(logout(ISSUER, subject, null, signedIn));

        assertThat(signOuts.covers(signIn(ISSUER, subject, null, signedIn)))
                .as("same second")
                .isTrue();
        assertThat(signOuts.covers(signIn(ISSUER, subject, null, signedIn.plusSeconds(1))))
                .isFalse();
        assertThat(signOuts.covers(signIn("https://other.example.com", subject, null, signedIn.minusSeconds(60))))
                .isFalse();
    }

    @Test
    void signOutsAreForgottenOnceEverySessionTheyCoverHasEndedOrTimedOut() {
        signOuts.record(logout(ISSUER, subject, null, signedIn.plusSeconds(60)));
        clock.advance(Duration.ofMinutes(59));
        signOuts.record(logout(ISSUER, "subject-" + UUID.randomUUID(), null, signedIn));
        assertThat(signOuts.covers(signIn(ISSUER, subject, null, signedIn)))
                .as("within twice the timeout")
                .isTrue();

        clock.advance(Duration.ofMinutes(2));
        signOuts.record(logout(ISSUER, "subject-" + UUID.randomUUID(), null, signedIn));

        assertThat(signOuts.covers(signIn(ISSUER, subject, null, signedIn))).isFalse();
    }

    private static OidcLogoutToken logout(String issuer, String subject, String sid, Instant issuedAt) {
        OidcLogoutToken.Builder token = OidcLogoutToken.withTokenValue("logout-token")
                .issuer(issuer)
                .audience(List.of("countersign-web"))
                .jti(UUID.randomUUID().toString())
                .events(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
                .subject(subject)
                .issuedAt(issuedAt);
        return (sid == null ? token : token.sessionId(sid)).build();
    }

    private static OidcIdToken signIn(String issuer, String subject, String sid, Instant issuedAt) {
        OidcIdToken.Builder token = OidcIdToken.withTokenValue("id-token")
                .issuer(issuer)
                .subject(subject)
                .issuedAt(issuedAt.truncatedTo(ChronoUnit.SECONDS))
                .expiresAt(issuedAt.plusSeconds(300));
        return (sid == null ? token : token.claim("sid", sid)).build();
    }
}
