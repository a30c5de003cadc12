package io.countersign.web.api;

import io.countersign.grant.AccessDecision;
import io.countersign.security.AccessCheckCallers;
import io.countersign.shared.Actor;
import io.countersign.shared.Problems;
import io.countersign.shared.database.DatabaseUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The enforcement points' question, asked on every connection: answered from memory only when nothing
 * committed before the check arrived can be missing from it, else from the grants table. Most checks
 * are answered before they reach this controller, by {@link LeanAccessCheck}; it answers the rest.
 */
@Tag(name = "Access check", description = "The question enforcement points ask on every connection.")
@RestController
class AccessCheckController {

    private final AccessCheck check;

    AccessCheckController(AccessCheck check) {
        this.check = check;
    }

    @Operation(operationId = "checkAccess", summary = "Check whether a user may use an account on a resource now")
    @GetMapping(AccessCheckCallers.PATH)
    AccessDecision check(
            Actor actor,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String resource,
            @RequestParam(required = false) String account,
            HttpServletRequest request) {
        Problems problems = new Problems();
        for (String name : List.of("user", "resource", "account")) {
            String[] given = request.getParameterValues(name);
            problems.check(
                    given == null || given.length <= 1,
                    name,
                    "repeated",
                    "give it once: which of several would count is not for the service to guess");
        }
        problems.throwIfAny();
        return request.getAttribute(AccessCheck.ASKED) != null
                ? check.askAgain(actor, user, resource, account)
                : check.ask(actor, user, resource, account);
    }

    /** The failures {@link AccessCheck#isOutage} names. */
    @ExceptionHandler({DatabaseUnavailableException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        return AccessCheck.unavailable(e);
    }
}
