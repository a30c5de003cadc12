package io.countersign.shared.scheduling;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Failures as db-scheduler throws them when the database is out of reach, or its pool busy. */
final class OutageFailures {

    private OutageFailures() {}

    /** A refused connection: the driver's exception, untranslated. */
    static RuntimeException refused() {
        return new RuntimeException(
                "Failed to rollback.",
                new SQLException(
                        "Connection to 127.0.0.1:5432 refused.",
                        "08001",
                        new java.net.ConnectException("Connection refused")));
    }

    /** A statement the database did not answer in time, its connection given up on. */
    static RuntimeException unanswered() {
        return new RuntimeException(
                "Failed to fetch due executions.", new java.sql.SQLTimeoutException("Query timed out", "08006"));
    }

    /** A statement's failure on a broken connection: the rollback's, carrying it. */
    static RuntimeException rollbackFailedAfter(RuntimeException statement) {
        RuntimeException rollback =
                new RuntimeException("Failed to rollback.", new SQLException("Connection is closed"));
        rollback.addSuppressed(statement);
        return rollback;
    }

    /** The pool's wait for a connection that ended while opening one failed: it names that failure. */
    static RuntimeException poolTimedOut() {
        SQLException refused = new SQLException(
                "Connection to 127.0.0.1:5432 refused.", "08001", new java.net.ConnectException("Connection refused"));
        return new RuntimeException(
                "Failed to fetch due executions.",
                new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available, request timed out after 5000ms",
                        refused.getSQLState(),
                        refused));
    }

    /** The pool's wait for a connection that ended while every connection was in use, the database fine. */
    static RuntimeException poolBusy() {
        return new RuntimeException(
                "Failed to fetch due executions.",
                new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available, request timed out after 5000ms"));
    }
}
