package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextException;
import org.springframework.mock.env.MockEnvironment;

/** A database that refuses while the service starts is reported in a few lines, by what refused. */
class DatabaseConnectionFailureAnalyzerTests {

    private final DatabaseConnectionFailureAnalyzer analyzer =
            new DatabaseConnectionFailureAnalyzer(new MockEnvironment()
                    .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/countersign")
                    .withProperty("spring.datasource.username", "countersign"));

    @Test
    void aServerWithNoConnectionLeftIsReportedWithWhatToLowerOrRaise() {
        SQLException tooMany = new SQLException("FATAL: sorry, too many clients already", "53300");

        FailureAnalysis analysis = analyzer.analyze(new ApplicationContextException(
                "Unable to start web server",
                new IllegalStateException("Failed to initialize pool", new RuntimeException("pool", tooMany))));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("Could not connect to the database jdbc:postgresql://db.example:5432/countersign as user"
                        + " 'countersign': the server has no connection left for it (sorry, too many clients"
                        + " already).");
        assertThat(analysis.getAction()).contains("COUNTERSIGN_DB_POOL_SIZE").contains("max_connections");
        assertThat(analysis.getCause()).isSameAs(tooMany);
    }

    @Test
    void aServerStillStartingIsReportedAsNotReady() {
        SQLException starting = new SQLException("FATAL: the database system is starting up", "57P03");

        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("Failed to initialize pool", starting));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .contains("the server is starting up, shutting down or in recovery")
                .contains("(the database system is starting up)");
        assertThat(analysis.getAction()).contains("accepts connections");
    }

    @Test
    void anUnreachableDatabaseNamesTheVariableTheUrlCameFrom() {
        SQLException unreachable = new SQLException("Connection to db.example:5432 refused.", "08001");
        String url = "jdbc:postgresql://db.example:5432/countersign";

        assertThat(actionFor(new MockEnvironment().withProperty("spring.datasource.url", url), unreachable))
                .contains("COUNTERSIGN_DB_URL");
        assertThat(actionFor(
                        new MockEnvironment()
                                .withProperty("spring.datasource.url", url)
                                .withProperty("COUNTERSIGN_DB_URL", url),
                        unreachable))
                .contains("COUNTERSIGN_DB_URL");
        assertThat(actionFor(
                        new MockEnvironment()
                                .withProperty("spring.datasource.url", url)
                                .withProperty("SPRING_DATASOURCE_URL", url),
                        unreachable))
                .contains("SPRING_DATASOURCE_URL")
                .doesNotContain("COUNTERSIGN_DB_URL");
        assertThat(actionFor(
                        new MockEnvironment()
                                .withProperty("spring.datasource.url", url)
                                .withProperty("spring.flyway.url", url),
                        new SQLException("refused", "3D000"),
                        true))
                .contains("SPRING_FLYWAY_URL")
                .doesNotContain("COUNTERSIGN_DB_URL");
    }

    @Test
    void aRefusedLoginNamesTheVariablesTheUserAndPasswordCameFrom() {
        SQLException refused = new SQLException("FATAL: password authentication failed for user", "28P01");
        String url = "jdbc:postgresql://db.example:5432/countersign";

        assertThat(actionFor(configuredLogin(), refused))
                .contains("Check COUNTERSIGN_DB_USER and COUNTERSIGN_DB_PASSWORD");
        assertThat(actionFor(
                        configuredLogin()
                                .withProperty("SPRING_DATASOURCE_USERNAME", "countersign")
                                .withProperty("SPRING_DATASOURCE_PASSWORD", "secret"),
                        refused))
                .contains("Check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD")
                .doesNotContain("COUNTERSIGN_DB_USER")
                .doesNotContain("COUNTERSIGN_DB_PASSWORD");
        // each from where it was set: Spring's variable takes precedence over the one the configuration reads
        assertThat(actionFor(
                        configuredLogin()
                                .withProperty("COUNTERSIGN_DB_USER", "someone-else")
                                .withProperty("SPRING_DATASOURCE_USERNAME", "countersign")
                                .withProperty("COUNTERSIGN_DB_PASSWORD", "secret"),
                        refused))
                .contains("Check SPRING_DATASOURCE_USERNAME and COUNTERSIGN_DB_PASSWORD")
                .doesNotContain("COUNTERSIGN_DB_USER");
        assertThat(actionFor(
                        configuredLogin()
                                .withProperty("spring.flyway.user", "migrator")
                                .withProperty("spring.flyway.password", "secret"),
                        refused,
                        true))
                .contains("Check SPRING_FLYWAY_USER and SPRING_FLYWAY_PASSWORD")
                .doesNotContain("COUNTERSIGN_DB_USER");
        // the driver takes the URL's user and password over the configured ones
        assertThat(actionFor(
                        configuredLogin()
                                .withProperty("spring.datasource.url", url + "?user=countersign&password=secret")
                                .withProperty("SPRING_DATASOURCE_URL", url + "?user=countersign&password=secret"),
                        refused))
                .contains("Check the user and password in SPRING_DATASOURCE_URL")
                .doesNotContain("COUNTERSIGN_DB_USER");
    }

    /** The settings a login is made with, whichever variables a case says they came from. */
    private static MockEnvironment configuredLogin() {
        return new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/countersign")
                .withProperty("spring.datasource.username", "countersign")
                .withProperty("spring.datasource.password", "secret");
    }

    private static String actionFor(MockEnvironment environment, SQLException refused) {
        return actionFor(environment, refused, false);
    }

    private static String actionFor(MockEnvironment environment, SQLException refused, boolean migrating) {
        Throwable failure = migrating
                ? new org.flywaydb.core.api.FlywayException("Unable to obtain connection", refused)
                : new IllegalStateException("Failed to initialize pool", refused);
        return new DatabaseConnectionFailureAnalyzer(environment)
                .analyze(new IllegalStateException(failure))
                .getAction();
    }

    @Test
    void aStatementErrorIsLeftToTheUsualReport() {
        assertThat(analyzer.analyze(new IllegalStateException(new SQLException("duplicate key", "23505"))))
                .isNull();
    }
}
