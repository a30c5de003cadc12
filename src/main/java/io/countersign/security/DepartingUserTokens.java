package io.countersign.security;

import io.countersign.directory.UserChanged;
import io.countersign.directory.UserDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends the tokens of a user who is deactivated or deleted, in the directory's transaction: a
 * deactivation deletes them, so reactivating the user later revives none. A new role only evicts the
 * cached authentications, so it applies to the next call on every instance; other changes leave them,
 * since an authentication carries only the user's name and role.
 */
@Component
class DepartingUserTokens {

    private final ApiTokens tokens;
    private final AuthenticationCache cache;

    DepartingUserTokens(ApiTokens tokens, AuthenticationCache cache) {
        this.tokens = tokens;
        this.cache = cache;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void updated(UserChanged event) {
        String username = event.after().username();
        if (event.before().active() && !event.after().active()) {
            tokens.revokeAllOf(event.actor(), username, "user deactivated");
        } else if (event.before().role() != event.after().role()) {
            cache.evictUser(username);
        }
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleted(UserDeleted event) {
        tokens.revokeAllOf(event.actor(), event.user().username(), "user deleted");
    }
}
