package io.countersign.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sign-outs the single sign-on provider announced, kept in the database because the provider
 * tells one instance and the session may live in another's memory. A sign-out covers the sessions
 * signed in with an ID token of its issuer and subject, or of its provider session ({@code sid}) when
 * it names one, issued no later than the logout token: both times come from the provider's clock, so
 * a later sign-in is not covered however far the instances' clocks drift apart.
 */
@Component
class ProviderSignOuts {

    /** What the column holds; longer values are refused rather than cut. */
    static final int MAX_ID_LENGTH = ProviderIds.MAX_LENGTH;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    ProviderSignOuts(JdbcClient jdbc, Clock clock, Environment environment) {
        this.jdbc = jdbc;
        this.clock = clock;
        // a covered session ends at its next page, or times out idle: twice the timeout is past both
        this.retention = environment
                .getProperty("server.servlet.session.timeout", Duration.class, Duration.ofMinutes(30))
                .multipliedBy(2);
    }

    /** Records a validated logout token; rows no session can need any more are pruned on the way. */
    @Transactional
    void record(OidcLogoutToken token) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("delete from provider_sign_outs where recorded_at < ?")
                .param(Timestamp.from(now.minus(retention)))
                .update();
        jdbc.sql("insert into provider_sign_outs (issuer, subject, session_id, issued_at, recorded_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(
                        token.getIssuer().toExternalForm(),
                        id(token.getSubject()),
                        id(token.getSessionId()),
                        Timestamp.from(token.getIssuedAt()),
                        Timestamp.from(now))
                .update();
    }

    /**
     * A {@code sub} or {@code sid} as it counts: an empty one names no subject or session, and kept as
     * it is it would match none, so a sign-out naming it would end nothing.
     */
    static String id(String claim) {
        return claim == null || claim.isEmpty() ? null : claim;
    }

    /**
     * Whether the provider has signed out the session this ID token opened. A sign-out naming a provider
     * session ends only that one; one naming only the subject ends all of theirs. A session whose token
     * carried no {@code sid} cannot be told apart, so any sign-out of its subject ends it. A session
     * whose token names its subject or session in a way no sign-in is taken with any more ({@link
     * ProviderIds}) counts as signed out without a look-up: no sign-out could ever name it, and the
     * database may not take such text at all.
     */
    @Transactional(readOnly = true)
    boolean covers(OidcIdToken signIn) {
        if (ProviderIds.unusableInIdToken(signIn.getClaims()) != null) {
            return true;
        }
        String issuer = signIn.getIssuer().toExternalForm();
        Timestamp issued = Timestamp.from(signIn.getIssuedAt());
        String sid = id(signIn.getClaimAsString("sid"));
        if (sid == null) {
            return jdbc.sql(
                                    "select count(*) from provider_sign_outs where subject = ? and issuer = ? and issued_at >= ?")
                            .params(signIn.getSubject(), issuer, issued)
                            .query(Integer.class)
                            .single()
                    > 0;
        }
        return jdbc.sql("select count(*) from provider_sign_outs where issuer = ? and issued_at >= ?"
                                + " and ((session_id = ? and (subject is null or subject = ?))"
                                + " or (session_id is null and subject = ?))")
                        .params(issuer, issued, sid, signIn.getSubject(), signIn.getSubject())
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
