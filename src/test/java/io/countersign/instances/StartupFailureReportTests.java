package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.CountersignApplication;
import io.countersign.testing.EmbeddedDatabaseHolder;
import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A start that cannot work because of its settings stops, and says in a short report what is wrong
 * and what to do, without a stack trace and without a secret from the settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

    private static final String SECRET = "Pw-" + UUID.randomUUID();
    /** The key is checked before the database is first used: starts meant to fail later carry a good one. */
    private static final String WITH_KEY = "--countersign.encryption-key=" + PostgresDatabases.ENCRYPTION_KEY;

    @Test
    void aKeyTooShortIsReportedWithItsLengthButNeverShown(CapturedOutput output) {
        String key = Base64.getEncoder()
                .encodeToString(Arrays.copyOf(UUID.randomUUID().toString().getBytes(), 16));

        assertRefused(() -> start(embeddedDatabase(), "sa", "", "--countersign.encryption-key=" + key));

        assertThat(output.getOut())
                .contains(
                        "Configuration property 'countersign.encryption-key' is not valid; no secret it may hold is shown.")
                .contains("COUNTERSIGN_ENCRYPTION_KEY is base64 of 16 bytes where 32 are needed")
                .contains("head -c 32 /dev/urandom | base64")
                .doesNotContain(key);
        assertShort(output);
    }

    @Test
    void aKeyThatIsNotBase64IsReportedButNeverShown(CapturedOutput output) {
        String key = "not base64 " + SECRET;

        assertRefused(() -> start(embeddedDatabase(), "sa", "", "--countersign.encryption-key=" + key));

        assertThat(output.getOut())
                .contains("COUNTERSIGN_ENCRYPTION_KEY is not valid base64")
                .doesNotContain(SECRET);
        assertShort(output);
    }

    @Test
    void aDatabaseNothingListensForIsReportedWithTheUrlWithoutItsPassword(CapturedOutput output) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/countersign";

        assertRefused(() -> start(url + "?password=" + SECRET, "countersign", SECRET, WITH_KEY));

        assertThat(output.getOut())
                .contains("Could not connect to the database " + url
                        + " as user 'countersign': no connection could be made (Connection to 127.0.0.1:" + port
                        + " refused).")
                .contains("Check that the database server runs and accepts connections at the host and port in"
                        + " COUNTERSIGN_DB_URL")
                .doesNotContain(SECRET);
        assertShort(output);
    }

    @Test
    void aDatabaseTheServerDoesNotHaveIsReportedByName(CapturedOutput output) {
        String name = "cs_missing_" + UUID.randomUUID().toString().replace("-", "");
        String url = withPassword(PostgresDatabases.urlFor(name));
        // the driver connects as the URL's user, whatever COUNTERSIGN_DB_USER says
        String urlUser =
                org.postgresql.Driver.parseURL(url, new java.util.Properties()).getProperty("user");
        assertThat(urlUser).as("the test server's URL names its user").isNotBlank();

        assertRefused(() -> start(url, "cs_configured", "", WITH_KEY));

        assertThat(output.getOut())
                // the server's own words quote the name, which a structured log escapes
                .contains("Could not connect to the database " + withoutQuery(url) + " as user '" + urlUser
                        + "': the server has no database of that name (database ")
                .containsAnyOf(name + "\\\" does not exist).", name + "\" does not exist).")
                .contains("Create the database COUNTERSIGN_DB_URL names on that server")
                .doesNotContain("cs_configured")
                .doesNotContain(SECRET);
        assertShort(output);
    }

    @Test
    void aUserTheServerRefusesIsReportedWithWhatToCheck(CapturedOutput output) {
        String url = withoutQuery(PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", "")));

        assertRefused(() -> start(withPassword(url), "cs_nobody", SECRET, WITH_KEY));

        assertThat(output.getOut())
                .contains("Could not connect to the database " + url
                        + " as user 'cs_nobody': the server refused the user or its password")
                // the driver takes the password in the URL over COUNTERSIGN_DB_PASSWORD
                .contains("Check COUNTERSIGN_DB_USER and the password in COUNTERSIGN_DB_URL")
                .doesNotContain(SECRET);
        assertShort(output);
    }

    @Test
    void aUrlOfADriverThereIsNoneForIsReportedWithoutBlamingTheEmbeddedDriver(CapturedOutput output) {
        assertRefused(() ->
                start("jdbc:postgres://cs_admin:" + SECRET + "@127.0.0.1:5432/countersign?password=" + SECRET, "", ""));

        assertThat(output.getOut())
                .contains(
                        "Configuration property 'spring.datasource.url' is not valid; no secret it may hold is shown.")
                .contains("COUNTERSIGN_DB_URL must start with jdbc:postgresql: (PostgreSQL, e.g."
                        + " jdbc:postgresql://db.internal:5432/countersign) or jdbc:h2: (the embedded database),"
                        + " but it is jdbc:postgres://127.0.0.1:5432/countersign")
                .doesNotContain(SECRET)
                .doesNotContain("cs_admin")
                .doesNotContain("org.h2.Driver");
        assertShort(output);
    }

    @Test
    void aUrlWithoutItsJdbcPrefixIsReportedAsAnyOtherUrlOfNoKnownDriver(CapturedOutput output) {
        assertRefused(() -> start("postgresql://127.0.0.1:5432/countersign?user=cs&password=" + SECRET, "", ""));

        assertThat(output.getOut())
                .contains(
                        "Configuration property 'spring.datasource.url' is not valid; no secret it may hold is shown.")
                .contains("COUNTERSIGN_DB_URL must start with jdbc:postgresql:")
                .contains("but it is postgresql://127.0.0.1:5432/countersign")
                .doesNotContain(SECRET);
        assertShort(output);
    }

    @Test
    void anEmbeddedDatabaseInAnotherDialectIsReportedWithTheSettingToRemove(CapturedOutput output) {
        assertRefused(() -> start("jdbc:h2:mem:cs-" + UUID.randomUUID() + ";MODE=MySQL", "sa", "", WITH_KEY));

        assertThat(output.getOut())
                .contains(
                        "Configuration property 'spring.datasource.url' is not valid; no secret it may hold is shown.")
                .contains("COUNTERSIGN_DB_URL sets MODE=MySQL, but Countersign runs on H2 only with MODE=PostgreSQL");
        assertShort(output);
    }

    @Test
    void aBadKeyStopsTheStartBeforeTheSchemaIsMigrated(CapturedOutput output) throws SQLException {
        String url = PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));

        assertRefused(() -> start(url, "", "", "--countersign.encryption-key=not base64 " + SECRET));

        assertThat(output.getOut()).contains("COUNTERSIGN_ENCRYPTION_KEY is not valid base64");
        assertThat(tablesIn(url)).isZero();
        assertShort(output);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            countersign.mail.connect-timeout=-1s     | COUNTERSIGN_MAIL_CONNECT_TIMEOUT (countersign.mail.connect-timeout) must be positive
            countersign.mail.decision-threads=0      | COUNTERSIGN_MAIL_DECISION_THREADS (countersign.mail.decision-threads) must be at least 1
            countersign.mail.lease-duration=-2m      | COUNTERSIGN_MAIL_LEASE_DURATION (countersign.mail.lease-duration) must be positive
            countersign.mail.max-comment-length=0    | COUNTERSIGN_MAIL_MAX_COMMENT_LENGTH (countersign.mail.max-comment-length) must be at least 1
            countersign.mail.max-message-size=0      | COUNTERSIGN_MAIL_MAX_MESSAGE_SIZE (countersign.mail.max-message-size) must be positive
            countersign.mail.poll-interval=0         | COUNTERSIGN_MAIL_POLL_INTERVAL (countersign.mail.poll-interval) must be positive
            spring.lifecycle.timeout-per-shutdown-phase=-5s | COUNTERSIGN_SHUTDOWN_GRACE_PERIOD (spring.lifecycle.timeout-per-shutdown-phase) must be positive
            server.servlet.session.timeout=-1m       | COUNTERSIGN_SESSION_TIMEOUT (server.servlet.session.timeout) must be at least 1m
            spring.datasource.hikari.connection-timeout=0 | COUNTERSIGN_DB_CONNECTION_TIMEOUT_MS (spring.datasource.hikari.connection-timeout) must be at least 250
            countersign.oidc.issuer=not-a-url        | COUNTERSIGN_OIDC_ISSUER (countersign.oidc.issuer) must be an absolute http or https address
            countersign.bootstrap.admin-email=admin  | COUNTERSIGN_BOOTSTRAP_ADMIN_EMAIL (countersign.bootstrap.admin-email) must be an e-mail address
            server.tomcat.remoteip.internal-proxies=( | SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES (server.tomcat.remoteip.internal-proxies) must be a regular expression or a comma-separated list of CIDR ranges
            """)
    void aSettingTheServiceCannotRunWithStopsTheStartBeforeTheDatabaseIsCreated(
            String setting, String reason, CapturedOutput output, @TempDir Path dir) {
        Path data = dir.resolve("data");

        assertRefused(() ->
                start(embeddedDatabaseIn(data), "sa", "", "--" + setting, "--countersign.oidc.client-id=countersign"));

        assertThat(output.getOut())
                .contains("Configuration property '" + setting.substring(0, setting.indexOf('=')) + "' is '")
                .contains(reason)
                .contains("Change the setting as the reason above says.");
        assertShort(output);
        assertThat(data).doesNotExist();
    }

    /**
     * Each is set the way an operator would: through application.yml's own variable where it reads one
     * (the command line stands in for the environment), otherwise by the property.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            countersign.audit.checkpoint-interval=500ms | COUNTERSIGN_AUDIT_CHECKPOINT_INTERVAL (countersign.audit.checkpoint-interval) must be at least one second.
            countersign.grant.timer-interval=0s         | COUNTERSIGN_GRANT_TIMER_INTERVAL (countersign.grant.timer-interval) must be positive, e.g. 30s.
            countersign.notify.webhooks.threads=0       | COUNTERSIGN_NOTIFY_WEBHOOKS_THREADS (countersign.notify.webhooks.threads) must be at least 1.
            countersign.database.bounded-calls.queue=-1 | COUNTERSIGN_DATABASE_BOUNDED_CALLS_QUEUE (countersign.database.bounded-calls.queue) must not be negative.
            COUNTERSIGN_SIGN_IN_LOCKOUT_WINDOW=0s       | COUNTERSIGN_SIGN_IN_LOCKOUT_WINDOW (countersign.security.sign-in.lockout-window) must be positive, e.g. 30s.
            COUNTERSIGN_CHECK_THREADS=0                 | COUNTERSIGN_CHECK_THREADS (countersign.check-listener.threads) must be between 1 and 200.
            COUNTERSIGN_PORT=70000                      | COUNTERSIGN_PORT (server.port) must be between 1 and 65535 (or 0 for any free port).
            countersign.oidc.issuer=https://idp.example.com | COUNTERSIGN_OIDC_CLIENT_ID (countersign.oidc.client-id) must be set when COUNTERSIGN_OIDC_ISSUER (countersign.oidc.issuer) is.
            """)
    void aSettingOutOfRangeIsReportedWithTheVariableToChange(String setting, String reason, CapturedOutput output) {
        assertRefused(() -> start(embeddedDatabase(), "sa", "", "--" + setting));

        // no line breaks in what is looked for: an earlier test may have left the log structured (JSON)
        assertThat(output.getOut())
                .contains("Configuration property '")
                .contains(reason)
                .contains("Change the setting as the reason above says.");
        assertShort(output);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            COUNTERSIGN_PORT=abc                  | COUNTERSIGN_PORT (server.port) is 'abc', which is not a whole number. | Set COUNTERSIGN_PORT to a whole number, or unset it for the default, 8080.
            COUNTERSIGN_SHUTDOWN_GRACE_PERIOD=abc | COUNTERSIGN_SHUTDOWN_GRACE_PERIOD (spring.lifecycle.timeout-per-shutdown-phase) is 'abc', which is not a duration such as 30s, 5m or PT15M. | Set COUNTERSIGN_SHUTDOWN_GRACE_PERIOD to a duration such as 30s, 5m or PT15M, or unset it for the default, 30s.
            COUNTERSIGN_CHECK_PORT=8o81           | COUNTERSIGN_CHECK_PORT (countersign.check-listener.port) is '8o81', which is not a whole number. | Set COUNTERSIGN_CHECK_PORT to a whole number, or unset it.
            COUNTERSIGN_MAX_BODY_SIZE=lots        | COUNTERSIGN_MAX_BODY_SIZE (countersign.web.max-body-size) is 'lots', which is not a size such as 512KB or 1MB. | Set COUNTERSIGN_MAX_BODY_SIZE to a size such as 512KB or 1MB, or unset it for the default, 1MB.
            """)
    void aVariableThatIsNotEvenOfItsSettingsKindIsReportedByName(
            String setting, String description, String action, CapturedOutput output) {
        assertRefused(() -> start(embeddedDatabase(), "sa", "", "--" + setting));

        assertThat(output.getOut()).contains(description).contains(action).doesNotContain("${");
        assertShort(output);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            countersign.bootstrap.admin-password | short-pw-1       | COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD (countersign.bootstrap.admin-password) must be 12 to 128 characters long, as every user's password (it has 10)
            countersign.bootstrap.admin-token    | cs_short-token-1 | COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN (countersign.bootstrap.admin-token) must have at least 24 characters (it has 16)
            """)
    void aFirstAdministratorsSecretTheServiceWouldRefuseStopsTheStartBeforeTheSchemaIsMigrated(
            String property, String secret, String reason, CapturedOutput output) throws SQLException {
        String url = PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));

        assertRefused(() -> start(url, "", "", WITH_KEY, "--" + property + "=" + secret));

        assertThat(output.getOut())
                .contains("Configuration property '" + property + "' is not valid; no secret it may hold is shown.")
                .contains(reason)
                .doesNotContain(secret);
        assertShort(output);
        assertThat(tablesIn(url)).isZero();
    }

    @Test
    void anEmbeddedDatabaseAnotherProcessHoldsIsReportedAsInUse(CapturedOutput output, @TempDir Path dir)
            throws IOException {
        String url = embeddedDatabaseIn(dir.resolve("data"));

        try (EmbeddedDatabaseHolder other = EmbeddedDatabaseHolder.holding(url)) {
            assertRefused(() -> start(url, "sa", ""));
        }

        assertThat(output.getOut())
                .contains("The database " + dir.resolve("data") + " is in use by another Countersign process")
                .contains("Stop the other Countersign process that uses this directory");
        assertShort(output);
    }

    /** An upgrade started while the old version still listens must not migrate the schema under it. */
    @ParameterizedTest
    @CsvSource({"COUNTERSIGN_PORT, server.port", "COUNTERSIGN_CHECK_PORT, countersign.check-listener.port"})
    void aPortAnotherProcessListensOnStopsTheStartBeforeTheDatabaseIsCreated(
            String variable, String property, CapturedOutput output, @TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");

        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertRefused(() -> start(embeddedDatabaseIn(data), "sa", "", "--" + variable + "=" + port));

            assertThat(output.getOut())
                    .contains(variable + " (" + property + ") is " + port + ", but the service cannot listen there: ")
                    .contains("Stop the process that listens on port " + port)
                    .contains("or set " + variable + " to a port that is free on this host.")
                    .contains("The start stopped before the database was touched.");
        }
        assertShort(output);
        assertThat(data).doesNotExist();
    }

    /** The product still fails closed: a better message, and no running service. */
    private static void assertRefused(Runnable start) {
        assertThatThrownBy(start::run).isInstanceOf(RuntimeException.class);
    }

    private static void assertShort(CapturedOutput output) {
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START", "Description:", "Action:");
        assertThat(output.getAll())
                .doesNotContain("\tat ")
                .doesNotContain("Error starting Tomcat context")
                .doesNotContain("Exception encountered during context initialization");
    }

    private static int tablesIn(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "select count(*) from information_schema.tables where table_schema = 'public'")) {
            tables.next();
            return tables.getInt(1);
        }
    }

    private static String withPassword(String url) {
        return url + (url.contains("?") ? "&" : "?") + "password=" + SECRET;
    }

    private static String withoutQuery(String url) {
        return url.replaceFirst("\\?.*", "");
    }

    private static String embeddedDatabase() {
        return "jdbc:h2:mem:cs-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static String embeddedDatabaseIn(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("countersign")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static void start(String url, String user, String password, String... more) {
        // server.port would override the port a test gives through application.yml's variable
        boolean portGiven =
                java.util.stream.Stream.of(more).anyMatch(setting -> setting.startsWith("--COUNTERSIGN_PORT="));
        String[] arguments = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(
                                        "--spring.datasource.url=" + url,
                                        "--spring.datasource.username=" + user,
                                        "--spring.datasource.password=" + password,
                                        "--spring.datasource.hikari.maximum-pool-size=2",
                                        "--spring.datasource.hikari.minimum-idle=0",
                                        "--server.port=0")
                                .filter(setting -> !(portGiven && setting.startsWith("--server.port="))),
                        java.util.stream.Stream.of(more))
                .toArray(String[]::new);
        new SpringApplicationBuilder(CountersignApplication.class)
                .profiles("test")
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", new MutableClock()))
                .run(arguments)
                .close();
    }
}
