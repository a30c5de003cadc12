package io.countersign.web.api;

import io.countersign.grant.AccessDecision;
import io.countersign.grant.Grants;
import io.countersign.security.EnforcerScopes;
import io.countersign.shared.Actor;
import io.countersign.shared.database.DatabaseUnavailableException;
import io.countersign.shared.database.NotificationFence;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The enforcement points' question, asked on every connection: answered from memory only when nothing
 * committed before the check arrived can be missing from it, else from the grants table.
 */
@Tag(name = "Access check", description = "The question enforcement points ask on every connection.")
@RestController
class AccessCheckController {

    private final Grants grants;
    private final EnforcerScopes scopes;
    private final NotificationFence fence;

    AccessCheckController(Grants grants, EnforcerScopes scopes, NotificationFence fence) {
        this.grants = grants;
        this.scopes = scopes;
        this.fence = fence;
    }

    @Operation(operationId = "checkAccess", summary = "Check whether a user may use an account on a resource now")
    @GetMapping("/api/v1/access/check")
    AccessDecision check(
            Actor actor,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String resource,
            @RequestParam(required = false) String account) {
        // one shared round trip: afterwards nothing committed before this check arrived is unseen here
        boolean changesSeen = fence.await();
        scopes.checkOnBehalf(actor, user, resource, changesSeen);
        return grants.check(actor, user, resource, account, changesSeen);
    }

    /** Fails closed: an enforcement point that cannot get an answer is told, in the body too, to deny. */
    @ExceptionHandler({DatabaseUnavailableException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        ProblemDetail problem = DatabaseOutage.accessCheckProblem();
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", "1")
                .body(problem);
    }
}
