package io.countersign.web.api;

import io.countersign.grant.AccessDecision;
import io.countersign.grant.Grants;
import io.countersign.security.EnforcerScopes;
import io.countersign.shared.Actor;
import io.countersign.shared.database.DatabaseUnavailableException;
import io.countersign.shared.database.NotificationFence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The access check itself, and its answer while the database is out of reach: one implementation for
 * the controller and for the lean path that answers most checks before the filter chain runs.
 */
@Component
class AccessCheck {

    /** Set on a call the lean path asked about and passed on to the full path, refused or invalid. */
    static final String ASKED = AccessCheck.class.getName() + ".asked";

    private final Grants grants;
    private final EnforcerScopes scopes;
    private final NotificationFence fence;
    private final Counter waited;

    AccessCheck(Grants grants, EnforcerScopes scopes, NotificationFence fence, MeterRegistry meters) {
        this.grants = grants;
        this.scopes = scopes;
        this.fence = fence;
        this.waited = Counter.builder("countersign.access.check.fence.waits")
                .description("Access checks that waited for a fence; the others were allowed from what this"
                        + " instance had seen less than 60 ms before they arrived")
                .register(meters);
    }

    /**
     * @throws io.countersign.shared.ForbiddenException when an enforcement point asks outside its scope
     * @throws io.countersign.shared.InvalidInputException naming every missing or invalid parameter
     * @throws DatabaseUnavailableException when the database does not answer in time
     */
    AccessDecision ask(Actor actor, String user, String resource, String account) {
        return ask(actor, user, resource, account, true);
    }

    /**
     * {@link #ask} for a call the lean path already asked and saw refused: its wait for the fence, if
     * it waited, is counted once.
     */
    AccessDecision askAgain(Actor actor, String user, String resource, String account) {
        return ask(actor, user, resource, account, false);
    }

    private AccessDecision ask(Actor actor, String user, String resource, String account, boolean countWait) {
        try {
            return decide(actor, user, resource, account, countWait);
        } catch (RuntimeException e) {
            if (isOutage(e)) {
                grants.countUnavailable();
            }
            throw e;
        }
    }

    private AccessDecision decide(Actor actor, String user, String resource, String account, boolean countWait) {
        if (fence.passedRecently() && scopes.allowsFromMemory(actor, user, resource)) {
            // an allowing answer needs no wait: a change that takes access away is acknowledged only once
            // a recent view here covers it (docs/adr/0029)
            Optional<AccessDecision> allowed = grants.allowedFromMemory(user, resource, account);
            if (allowed.isPresent()) {
                return allowed.get();
            }
        }
        if (countWait && fence.available()) {
            waited.increment();
        }
        // one shared round trip: afterwards nothing committed before this check arrived is unseen here
        boolean changesSeen = fence.await();
        scopes.checkOnBehalf(actor, user, resource, changesSeen);
        return grants.check(actor, user, resource, account, changesSeen);
    }

    /** Whether a failure of {@link #ask} is answered by {@link #unavailable}. */
    static boolean isOutage(RuntimeException failure) {
        return failure instanceof DatabaseUnavailableException || failure instanceof DataAccessResourceFailureException;
    }

    /** Fails closed: an enforcement point that cannot get an answer is told, in the body too, to deny. */
    static ResponseEntity<ProblemDetail> unavailable(RuntimeException failure) {
        ProblemDetail problem = DatabaseOutage.accessCheckProblem(failure);
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", "1")
                .body(problem);
    }
}
