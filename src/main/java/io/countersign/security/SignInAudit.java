package io.countersign.security;

import io.countersign.directory.User;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.LoggedText;
import io.countersign.shared.Names;
import io.countersign.shared.RefusalAuditLimiter;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logs and audits every sign-in to the pages, refused or not; never a password. A refused password
 * sign-in is logged each time, and audited as {@code user.sign_in_failed} within the {@link
 * RefusalAuditLimiter}'s allowance: anyone can post the sign-in form as fast as they like, and the
 * hash-chained log is sealed one row at a time. The allowance is keyed by nothing a stranger chooses:
 * by the user and reason when the name typed is a user's, otherwise by the reason alone, so that a
 * flood of made-up names yields one row per reason a minute and hides nothing of a real user's.
 */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);
    /** The allowance shared by every name that is no user's. */
    private static final String ANY_NAME = "any name";

    private final Users users;
    private final ApplicationEventPublisher events;
    private final RefusalAuditLimiter limiter;

    SignInAudit(Users users, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.events = events;
        this.limiter = new RefusalAuditLimiter(clock);
    }

    /**
     * A password sign-in as {@code typed} was refused; {@code username} is its canonical form, or null
     * when what was typed cannot be a username.
     */
    @Transactional
    void refused(String typed, String username, PasswordRefusal refusal, String sourceAddress) {
        String shown = LoggedText.printable(typed, Names.MAX_LENGTH);
        log.atLevel(refusal.limited() ? Level.WARN : Level.INFO)
                .addKeyValue("event.action", "user.sign_in_failed")
                .addKeyValue("event.reason", refusal.code())
                .addKeyValue("client.address", sourceAddress)
                .addKeyValue("countersign.sign_in.username", shown)
                .log("Password sign-in refused ({}): username '{}' from {}", refusal.code(), shown, sourceAddress);
        Optional<User> user = username == null ? Optional.empty() : users.find(username);
        OptionalLong heldBack = limiter.admit(user.isPresent() ? "user:" + username : ANY_NAME, refusal.code());
        if (heldBack.isPresent()) {
            Actor actor = SignInActor.of(user, username == null ? SignInActor.NOBODY : username, sourceAddress);
            events.publishEvent(new SignInFailed(actor, shown, refusal.code(), refusal.note(), heldBack.getAsLong()));
        }
    }

    /** @param detail how a single sign-on matched the user, with the provider's subject; null for a password */
    @Transactional
    void signedIn(CountersignPrincipal principal, String sourceAddress, SignedIn.Method method, String detail) {
        SignedIn signedIn = new SignedIn(principal.toActor(sourceAddress), method, detail);
        log.atInfo()
                .addKeyValue("event.action", "user.signed_in")
                .addKeyValue("client.address", sourceAddress)
                .log("{} signed in ({}) from {}", principal.username(), signedIn.note(), sourceAddress);
        events.publishEvent(signedIn);
    }

    /** The person signed out themselves, with Sign out. */
    @Transactional
    void signedOut(CountersignPrincipal principal, String sourceAddress, SignedIn.Method method) {
        log.atInfo()
                .addKeyValue("event.action", "user.signed_out")
                .addKeyValue("client.address", sourceAddress)
                .log("{} signed out ({}) from {}", principal.username(), method, sourceAddress);
        events.publishEvent(SignedOut.byThemselves(principal.toActor(sourceAddress), method));
    }

    /** A single sign-on session met the provider's sign-out on its next page and was ended. */
    @Transactional
    void signedOutByProvider(CountersignPrincipal principal, String sourceAddress) {
        log.atInfo()
                .addKeyValue("event.action", "user.signed_out")
                .addKeyValue("client.address", sourceAddress)
                .log("{} was signed out by the single sign-on provider", principal.username());
        events.publishEvent(SignedOut.byTheProvider(principal.toActor(sourceAddress)));
    }
}
