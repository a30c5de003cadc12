package io.countersign.shared.database;

/** The database did not answer in time or cannot be reached; nothing was read or changed. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A call refused without trying the database: cheap, as refusals come as fast as calls do. */
    public DatabaseUnavailableException(String message) {
        super(message, null, false, false);
    }
}
