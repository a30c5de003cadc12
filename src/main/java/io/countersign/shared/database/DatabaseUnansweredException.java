package io.countersign.shared.database;

/**
 * The database did not answer in time, or the last call that tried it did not: it may be up but too
 * slow under load, or out of reach behind a silent network; nothing was read or changed. A refused
 * connection is a plain {@link DatabaseUnavailableException}: that one the service cannot reach.
 */
public class DatabaseUnansweredException extends DatabaseUnavailableException {

    public DatabaseUnansweredException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A call refused without trying the database, since the last that tried got no answer in time. */
    public DatabaseUnansweredException(String message) {
        super(message);
    }
}
