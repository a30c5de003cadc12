package io.countersign.shared.database;

import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains a start that stopped because the database could not be reached or refused the connection:
 * which database was tried, as which user, why, and what to check, instead of the driver's exception
 * at the end of a long stack trace. The user is the one the driver connected as, from the URL when it
 * names one. The URL is shown without credentials or parameters, so a password
 * given in it never reaches the log. Migrations connect as {@code spring.flyway.user} when it is set,
 * so a failure while migrating names that user.
 */
class DatabaseConnectionFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseConnectionFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        // the deepest is the driver's own; pools and migration tools wrap it in theirs
        SQLException refused = null;
        for (Throwable t = rootFailure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ConnectionRefusal.of(sql.getSQLState()) != null) {
                refused = sql;
            }
        }
        if (refused == null) {
            return null;
        }
        ConnectionRefusal refusal = ConnectionRefusal.of(refused.getSQLState());
        boolean migrating = findCause(rootFailure, FlywayException.class) != null;
        String url = environment.getProperty("spring.datasource.url", "");
        String user = environment.getProperty("spring.datasource.username", "");
        String urlVariable = LoginVariables.variable(
                environment, "spring.datasource.url", "COUNTERSIGN_DB_URL", "SPRING_DATASOURCE_URL");
        if (migrating) {
            if (environment.containsProperty("spring.flyway.url")) {
                urlVariable = "SPRING_FLYWAY_URL";
            }
            url = environment.getProperty("spring.flyway.url", url);
            user = environment.getProperty("spring.flyway.user", user);
        }
        user = connectingUser(url, user);
        String description = refusal == ConnectionRefusal.EMBEDDED_IN_USE
                ? "The database " + embeddedDirectory(url) + " " + refusal.why() + " (" + driverSays(refused) + ")."
                : "Could not connect to the database " + RedactedDatabaseUrl.of(url)
                        + (user.isBlank() ? "" : " as user '" + user + "'") + ": " + refusal.why() + " ("
                        + driverSays(refused) + ").";
        return new FailureAnalysis(
                description,
                refusal.action(urlVariable, LoginVariables.of(environment, url, urlVariable, migrating)),
                refused);
    }

    /**
     * The user the driver connected as: PostgreSQL's driver takes a {@code user=} in the URL over the
     * configured one, so naming the configured user would send the reader to the wrong account.
     */
    private static String connectingUser(String url, String configured) {
        if (!url.startsWith("jdbc:postgresql:")) {
            return configured;
        }
        Properties given = new Properties();
        if (!configured.isBlank()) {
            given.setProperty("user", configured);
        }
        Properties parsed = org.postgresql.Driver.parseURL(url, given);
        return parsed == null ? configured : parsed.getProperty("user", configured);
    }

    /** The directory of an embedded database, as the URL names it: ./data for jdbc:h2:file:./data/countersign. */
    private static String embeddedDirectory(String url) {
        String path = RedactedDatabaseUrl.of(url).replaceFirst("^jdbc:h2:(file:|async:)?", "");
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash > 0 ? path.substring(0, slash) : path;
    }

    /** The driver's first sentence, without the server's severity: its later ones are advice of its own. */
    private static String driverSays(SQLException refused) {
        String message =
                refused.getMessage() == null ? "" : refused.getMessage().strip();
        message = message.lines().findFirst().orElse("").replaceFirst("^FATAL: ", "");
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end);
    }
}
