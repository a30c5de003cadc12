package io.countersign.security;

import io.countersign.directory.UserAccessEnded;
import io.countersign.directory.UserChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's session generation, which every page session remembers from its sign-in ({@link
 * SessionStamps}). A deactivation, a deletion or another tool role raises it in the directory's
 * transaction, through the API, the administration pages or a bundle alike, so every session signed in
 * before ends for good: reactivating the user or giving the old role back gives none of them back.
 */
@Component
class SessionGenerations {

    private final JdbcClient jdbc;

    SessionGenerations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long of(String username) {
        return jdbc.sql("select generation from session_generations where username = ?")
                .param(username)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void ended(UserAccessEnded event) {
        raise(event.username());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void changed(UserChanged event) {
        if (event.before().role() != event.after().role()) {
            raise(event.after().username());
        }
    }

    /** The directory holds the user's row locked, so two changes to one user never insert at once. */
    private void raise(String username) {
        int updated = jdbc.sql("update session_generations set generation = generation + 1 where username = ?")
                .param(username)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into session_generations (username, generation) values (?, 1)")
                    .param(username)
                    .update();
        }
    }
}
