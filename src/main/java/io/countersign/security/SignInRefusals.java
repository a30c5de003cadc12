package io.countersign.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes a refused single sign-on to the audit trail, in a transaction of its own. */
@Component
class SignInRefusals {

    private final ApplicationEventPublisher events;

    SignInRefusals(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Transactional
    public void record(String username, SignInRefusal refusal, String sourceAddress) {
        events.publishEvent(new SingleSignOnRefused(username, refusal.note(), sourceAddress));
    }
}
