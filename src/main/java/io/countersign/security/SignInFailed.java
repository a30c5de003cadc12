package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.RefusalAuditLimiter;

/**
 * A password sign-in was refused. The target names the username as it was typed (made printable and
 * cut short); the reason is the refusal's code; the note says it in words, with how many refusals like
 * it were left out of the log since the last one recorded. Never the password.
 */
public record SignInFailed(Actor actor, String typedUsername, String refusal, String why, long suppressed)
        implements AuditableEvent {

    @Override
    public String action() {
        return "user.sign_in_failed";
    }

    @Override
    public String target() {
        return "user:" + typedUsername;
    }

    @Override
    public String note() {
        return RefusalAuditLimiter.noted("password sign-in: " + why, suppressed);
    }

    @Override
    public String reason() {
        return refusal;
    }
}
