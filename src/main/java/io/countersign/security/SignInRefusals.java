package io.countersign.security;

import io.countersign.shared.Names;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes a refused single sign-on to the audit trail, in a transaction of its own. */
@Component
class SignInRefusals {

    /**
     * The actor of a refusal that names no usable username: the placeholder a refused password sign-in
     * is audited under too, which no user can have, so that such refusals stay out of every user's trail.
     */
    static final String NOBODY = "(not a username)";

    private final ApplicationEventPublisher events;

    SignInRefusals(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** {@code username} is the canonical one the provider gave, if any. */
    @Transactional
    public void record(String username, SignInRefusal refusal, String sourceAddress) {
        events.publishEvent(
                new SingleSignOnRefused(Names.isValid(username) ? username : NOBODY, refusal.note(), sourceAddress));
    }
}
