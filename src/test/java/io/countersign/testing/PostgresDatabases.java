package io.countersign.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each application context its own fresh PostgreSQL database: on the server named by
 * {@code COUNTERSIGN_TEST_DB_URL} when set (a JDBC URL whose user may create databases), otherwise
 * on an embedded server started once per JVM.
 */
public class PostgresDatabases implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Instances on PostgreSQL refuse to start without a key that every instance shares. */
    public static final String ENCRYPTION_KEY = "vz7yMsa4D+8DwWlZixIfA9wuIVAcblbbe9Fsi7swKi4=";

    private static String serverUrl;
    private static final java.util.List<String> CREATED = new java.util.ArrayList<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = createDatabase("cs_" + UUID.randomUUID().toString().replace("-", ""));
        TestPropertyValues.of(
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=",
                        "spring.datasource.password=",
                        "spring.datasource.hikari.maximum-pool-size=12",
                        "spring.datasource.hikari.minimum-idle=0",
                        "spring.datasource.hikari.idle-timeout=10000",
                        "countersign.encryption-key=" + ENCRYPTION_KEY)
                .applyTo(context);
    }

    /** Creates a database and returns a JDBC URL for it. */
    public static synchronized String createDatabase(String name) {
        String server = server();
        try (Connection connection = DriverManager.getConnection(server);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
            if (CREATED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(PostgresDatabases::dropCreated));
            }
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + withoutSecrets(server), e);
        }
        return urlFor(name);
    }

    /** The JDBC URL of a database on the test server, whether or not it exists. */
    public static synchronized String urlFor(String name) {
        return server().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    /** Keeps a shared server clean across runs; FORCE ends the pools of contexts still open. */
    private static synchronized void dropCreated() {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test databases: " + e.getMessage());
        }
    }

    private static String server() {
        if (serverUrl == null) {
            String configured = System.getenv("COUNTERSIGN_TEST_DB_URL");
            serverUrl = configured != null && !configured.isBlank() ? configured : startEmbedded();
        }
        return serverUrl;
    }

    private static String startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot start embedded PostgreSQL (it refuses to run as root); set COUNTERSIGN_TEST_DB_URL", e);
        }
    }

    private static String withoutSecrets(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
