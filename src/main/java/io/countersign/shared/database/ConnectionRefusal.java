package io.countersign.shared.database;

/**
 * Why a database connection could not be opened, by the SQL state the driver reports, in a sentence
 * for the operator, and what to check.
 */
enum ConnectionRefusal {
    UNREACHABLE(
            "08",
            "no connection could be made",
            "Check that the database server runs and accepts connections at the host and port in"
                    + " COUNTERSIGN_DB_URL, and that nothing between this host and the server blocks them."),
    NO_SUCH_DATABASE(
            "3D",
            "the server has no database of that name",
            "Create the database COUNTERSIGN_DB_URL names on that server, or correct the name in"
                    + " COUNTERSIGN_DB_URL."),
    LOGIN_REFUSED(
            "28",
            "the server refused the user or its password",
            "Check COUNTERSIGN_DB_USER and COUNTERSIGN_DB_PASSWORD, and that the server lets that user connect to"
                    + " the database from this host."),
    /** PostgreSQL's "sorry, too many clients already": every connection max_connections allows is taken. */
    TOO_MANY_CONNECTIONS(
            "53300",
            "the server has no connection left for it",
            "Lower COUNTERSIGN_DB_POOL_SIZE on this and the other instances (each also holds two connections of"
                    + " its own) or stop other clients of that server, or raise max_connections in the server's"
                    + " postgresql.conf and restart it."),
    /**
     * PostgreSQL's "the database system is starting up" or "shutting down" (57P03), or a connection cut
     * by an administrator's command or a server shutting down (57P01, 57P02) while the service started.
     */
    SERVER_NOT_READY(
            "57P0",
            "the server is starting up, shutting down or in recovery",
            "Start Countersign again once the database server accepts connections; an orchestrator that"
                    + " restarts the service does so by itself."),
    /** H2's "Database may be already in use": another process holds the embedded database's file lock. */
    EMBEDDED_IN_USE(
            "90020",
            "is in use by another Countersign process",
            "Stop the other Countersign process that uses this directory: only one process may use an embedded"
                    + " database. To run several instances, run them on PostgreSQL (COUNTERSIGN_DB_URL).");

    /** Where the text names the user and password; replaced by where they came from ({@link LoginVariables}). */
    private static final String LOGIN = "COUNTERSIGN_DB_USER and COUNTERSIGN_DB_PASSWORD";

    private final String stateClass;
    private final String why;
    private final String action;

    ConnectionRefusal(String stateClass, String why, String action) {
        this.stateClass = stateClass;
        this.why = why;
        this.action = action;
    }

    /** The refusal a SQL state stands for, or null when the state says nothing about the connection. */
    static ConnectionRefusal of(String sqlState) {
        if (sqlState == null) {
            return null;
        }
        for (ConnectionRefusal refusal : values()) {
            if (sqlState.startsWith(refusal.stateClass)) {
                return refusal;
            }
        }
        return null;
    }

    String why() {
        return why;
    }

    /**
     * What to check, naming the setting the URL was taken from (COUNTERSIGN_DB_URL in the text above) and
     * where the user and password were ({@code login}, such as "SPRING_DATASOURCE_USERNAME and
     * SPRING_DATASOURCE_PASSWORD").
     */
    String action(String urlVariable, String login) {
        return action.replace(LOGIN, login).replace("COUNTERSIGN_DB_URL", urlVariable);
    }
}
