package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** An attempt that failed on this side's database says so, not that the receiver refused or that something broke. */
class ThrownFailuresTests {

    @Test
    void anAttemptThatCouldNotReachTheDatabaseSaysSoInWords() {
        var refused = new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException(
                        "main - Connection is not available",
                        "08001",
                        new SQLException("Connection refused", "08001")));

        assertThat(ThrownFailures.inWords(refused)).isEqualTo("failed: could not reach the database");
    }

    @Test
    void anAttemptWhoseDatabaseDidNotAnswerInTimeDoesNotCallItOutOfReach() {
        var unanswered = new QueryTimeoutException(
                "PreparedStatementCallback",
                new SQLTimeoutException("ERROR: canceling statement due to statement timeout"));

        assertThat(ThrownFailures.inWords(unanswered)).isEqualTo("failed: the database did not answer in time");
        assertThat(ThrownFailures.databaseOutage(unanswered)).isEqualTo("the database did not answer in time");
    }

    @Test
    void anUnreachableDatabaseIsSaidToBeOutOfReachInTheLog() {
        var refused = new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLException("Connection refused", "08001"));

        assertThat(ThrownFailures.databaseOutage(refused)).isEqualTo("the database cannot be reached");
    }

    @Test
    void anAttemptThatFoundNoFreeConnectionSaysSoInWords() {
        var timedOut = new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException(
                        "main - Connection is not available, request timed out after 5000ms"));

        assertThat(ThrownFailures.inWords(timedOut)).isEqualTo("failed: no database connection was free in time");
    }

    @Test
    void anyOtherFailureIsStillUnexpected() {
        assertThat(ThrownFailures.inWords(new IllegalStateException("a defect")))
                .isEqualTo("failed unexpectedly; see the service log");
    }
}
