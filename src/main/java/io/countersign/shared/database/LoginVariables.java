package io.countersign.shared.database;

import java.util.Properties;
import org.springframework.core.env.Environment;

/**
 * Where the user and password a connection was refused with were set, in the words an operator
 * changes them with: the environment variable each came from, or the URL when the driver took them
 * from there. The configuration reads COUNTERSIGN_DB_USER and COUNTERSIGN_DB_PASSWORD, but Spring's own
 * SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD take precedence, and migrations connect
 * with SPRING_FLYWAY_USER and SPRING_FLYWAY_PASSWORD when those are set.
 */
final class LoginVariables {

    private LoginVariables() {}

    /** "COUNTERSIGN_DB_USER and COUNTERSIGN_DB_PASSWORD", or where else the two came from. */
    static String of(Environment environment, String url, String urlVariable, boolean migrating) {
        Properties inUrl = url.startsWith("jdbc:postgresql:") ? org.postgresql.Driver.parseURL(url, null) : null;
        boolean userInUrl = inUrl != null && inUrl.getProperty("user") != null;
        boolean passwordInUrl = inUrl != null && inUrl.getProperty("password") != null;
        if (userInUrl && passwordInUrl) {
            return "the user and password in " + urlVariable;
        }
        String user = userInUrl
                ? "the user in " + urlVariable
                : migrating && environment.containsProperty("spring.flyway.user")
                        ? "SPRING_FLYWAY_USER"
                        : variable(
                                environment,
                                "spring.datasource.username",
                                "COUNTERSIGN_DB_USER",
                                "SPRING_DATASOURCE_USERNAME");
        String password = passwordInUrl
                ? "the password in " + urlVariable
                : migrating && environment.containsProperty("spring.flyway.password")
                        ? "SPRING_FLYWAY_PASSWORD"
                        : variable(
                                environment,
                                "spring.datasource.password",
                                "COUNTERSIGN_DB_PASSWORD",
                                "SPRING_DATASOURCE_PASSWORD");
        return user + " and " + password;
    }

    /**
     * The environment variable a datasource setting came from: the one the configuration reads, unless
     * Spring's own, which takes precedence over it, set another value.
     */
    static String variable(Environment environment, String property, String countersign, String spring) {
        String value = environment.getProperty(property, "");
        if (value.equals(environment.getProperty(countersign))) {
            return countersign;
        }
        return environment.getProperty(spring) != null ? spring : countersign;
    }
}
