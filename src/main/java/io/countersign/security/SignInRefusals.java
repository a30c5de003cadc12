package io.countersign.security;

import io.countersign.directory.Users;
import io.countersign.shared.Names;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes a refused single sign-on to the audit trail, in a transaction of its own. */
@Component
class SignInRefusals {

    private final ApplicationEventPublisher events;
    private final Users users;

    SignInRefusals(ApplicationEventPublisher events, Users users) {
        this.events = events;
        this.users = users;
    }

    /**
     * {@code username} is the canonical one the provider gave, if any; {@code detail} the provider's
     * subject and how it matched ({@link SingleSignOnMatch#describe}), or null.
     */
    @Transactional
    public void record(String username, SignInRefusal refusal, String detail, String sourceAddress) {
        events.publishEvent(new SingleSignOnRefused(
                Names.isValid(username)
                        ? SignInActor.of(users.find(username), username, sourceAddress)
                        : SignInActor.of(Optional.empty(), SignInActor.NOBODY, sourceAddress),
                refusal.code(),
                detail == null ? refusal.note() : refusal.note() + " (" + detail + ")"));
    }
}
