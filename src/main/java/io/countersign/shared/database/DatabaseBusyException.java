package io.countersign.shared.database;

/**
 * The database was not reached because every connection of the pool stayed in use by other calls, or
 * too many calls were waiting for one: the service is busy, not cut off from its database, and nothing
 * was read or changed. Unlike an outage it refuses no later call.
 */
public class DatabaseBusyException extends DatabaseUnavailableException {

    public DatabaseBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
