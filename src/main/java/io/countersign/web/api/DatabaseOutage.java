package io.countersign.web.api;

import io.countersign.security.AccessCheckCallers;
import io.countersign.shared.database.BoundedDatabaseCalls;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The answers given while the database cannot be reached or does not answer in time, or while every
 * connection to it is in use: 503 at once, and for the access check a denial. They are told apart
 * because an operator acts differently on them: a refused connection is an outage, a database that
 * answers late may be up but overloaded, a busy instance needs more connections or less load.
 */
final class DatabaseOutage {

    static final String ACCESS_CHECK_PATH = AccessCheckCallers.PATH;

    /**
     * Marks a request whose page is answered by the error page because the database was out of reach;
     * its value is the failure.
     */
    static final String UNREACHABLE = DatabaseOutage.class.getName() + ".unreachable";

    private DatabaseOutage() {}

    static ProblemDetail problem(Throwable failure) {
        if (BoundedDatabaseCalls.isBusy(failure)) {
            return problem(
                    "Service busy",
                    "The service is too busy to reach its database in time; nothing was changed. Try again shortly.");
        }
        if (BoundedDatabaseCalls.isUnanswered(failure)) {
            // a database slow under load answers late as one out of reach does not answer at all
            return problem(
                    "Service unavailable",
                    "The service's database did not answer in time (or cannot be reached); nothing was changed."
                            + " Try again shortly.");
        }
        return problem(
                "Service unavailable",
                "The service cannot reach its database; nothing was changed. Try again shortly.");
    }

    static ProblemDetail accessCheckProblem(Throwable failure) {
        ProblemDetail problem = BoundedDatabaseCalls.isBusy(failure)
                ? problem(
                        "Service busy",
                        "Access is denied: the service is too busy to look up grants in time, so it cannot"
                                + " confirm any access. Deny the connection and ask again shortly.")
                : BoundedDatabaseCalls.isUnanswered(failure)
                        ? problem(
                                "Service unavailable",
                                "Access is denied: the service's database did not answer in time (or cannot be"
                                        + " reached) to look up grants, so it cannot confirm any access. Deny the"
                                        + " connection and ask again shortly.")
                        : problem(
                                "Service unavailable",
                                "Access is denied: the service cannot reach its database to look up grants, so it"
                                        + " cannot confirm any access. Deny the connection and ask again shortly.");
        problem.setProperty("allowed", false);
        return problem;
    }

    private static ProblemDetail problem(String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        return problem;
    }
}
