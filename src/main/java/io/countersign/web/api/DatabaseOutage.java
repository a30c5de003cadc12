package io.countersign.web.api;

import io.countersign.security.AccessCheckCallers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The answers given while the database cannot be reached: 503 at once, and for the access check a denial. */
final class DatabaseOutage {

    static final String ACCESS_CHECK_PATH = AccessCheckCallers.PATH;

    /** Marks a request whose page is answered by the error page because the database was out of reach. */
    static final String UNREACHABLE = DatabaseOutage.class.getName() + ".unreachable";

    private DatabaseOutage() {}

    static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The service cannot reach its database; nothing was changed. Try again shortly.");
        problem.setTitle("Service unavailable");
        return problem;
    }

    static ProblemDetail accessCheckProblem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Access is denied: the service cannot reach its database to look up grants, so it cannot"
                        + " confirm any access. Deny the connection and ask again shortly.");
        problem.setTitle("Service unavailable");
        problem.setProperty("allowed", false);
        return problem;
    }
}
