package io.countersign.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import io.countersign.shared.secrets.HiddenValueFailureAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * Keeps an embedded H2 database open until the application closes it. H2 otherwise closes the
 * database from a JVM shutdown hook of its own ({@code DB_CLOSE_ON_EXIT}), which runs beside Spring's
 * on SIGTERM: the waiters that the graceful shutdown answers with their request's state, and the calls
 * it lets finish, then met "Database is already closed". With the hook off, the database still closes
 * cleanly when the context closes its pools, as H2 closes a database when its last connection closes.
 * Set on the pool rather than only in the default URL so that an operator's own H2 URL gets it too; a
 * URL that names the setting keeps the operator's choice, and a server's URL ({@code tcp:}, {@code ssl:})
 * is left alone, as its database lives in another process.
 *
 * <p>It also writes each commit to the file before the commit returns ({@code WRITE_DELAY=0}): H2's own
 * default writes commits up to 500 ms later, so a {@code kill -9} lost writes already answered 201. A
 * commit costs a write to the file (not a sync of the disk), which a killed process cannot undo.
 *
 * <p>And it reads and writes the file through H2's {@code async:} file system: on the default one, a
 * thread interrupted in the middle of a read or write (as executors interrupt their workers when the
 * service stops) closes the file, and with it the database for every other thread, whose last writes
 * then fail with "The database has been closed". An operator's URL that names another file system
 * ({@code nio:}, {@code split:}, …) keeps it.
 *
 * <p>And it speaks the dialect the queries and migrations are written in ({@code MODE=PostgreSQL},
 * lower-case names, nulls sorted last as on PostgreSQL), as the default URL does: an operator's URL
 * without them started, reported ready and then failed every request that wrote. A URL that asks for
 * another dialect is refused at start, as the service cannot run on it.
 */
@Component
class EmbeddedDatabaseSettings implements BeanPostProcessor {

    static final String CLOSE_ON_EXIT = "DB_CLOSE_ON_EXIT";
    static final String WRITE_DELAY = "WRITE_DELAY";
    /** What the queries need, as the default URL in application.yml gives it. */
    static final Map<String, String> DIALECT = dialect();

    private static final String PREFIX = "jdbc:h2:";
    private static final String ASYNC = "async:";

    /** Directories of embedded databases that did not exist before their pool: the database makes them. */
    private final Set<Path> madeByTheDatabase = ConcurrentHashMap.newKeySet();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && embedded(pool.getJdbcUrl())) {
            String url = pool.getJdbcUrl();
            EmbeddedDatabaseDirectory.directoryOf(url)
                    .filter(directory -> !Files.exists(directory))
                    .ifPresent(directory ->
                            madeByTheDatabase.add(directory.toAbsolutePath().normalize()));
            url = inDialect(url);
            url = interruptSafe(url);
            url = unlessNamed(url, CLOSE_ON_EXIT, "FALSE");
            url = unlessNamed(url, WRITE_DELAY, "0");
            pool.setJdbcUrl(url);
        }
        return bean;
    }

    /** Whether the directory did not exist before the pool opened the database in it. */
    boolean madeByTheDatabase(Path directory) {
        return madeByTheDatabase.contains(directory.toAbsolutePath().normalize());
    }

    static boolean embedded(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    /** The URL of a file database on H2's default file system, read through {@code async:} instead. */
    static String interruptSafe(String url) {
        String name = url.substring(PREFIX.length());
        if (name.regionMatches(true, 0, "file:", 0, "file:".length())) {
            return PREFIX + ASYNC + name.substring("file:".length());
        }
        if (EmbeddedDatabaseDirectory.namesAFileSystem(name)) {
            return url; // mem:, async:, nio: and the other file systems are the operator's choice
        }
        return PREFIX + ASYNC + name;
    }

    /** The URL with the settings of {@link #DIALECT} it lacks; refused if it names another value. */
    static String inDialect(String url) {
        Map<String, String> named = settingsOf(url);
        StringBuilder settled = new StringBuilder(url);
        DIALECT.forEach((setting, value) -> {
            String own = named.get(setting);
            if (own == null) {
                settled.append(';').append(setting).append('=').append(value);
            } else if (!own.equalsIgnoreCase(value)) {
                throw new InvalidConfigurationPropertyValueException(
                        "spring.datasource.url",
                        HiddenValueFailureAnalyzer.HIDDEN,
                        "COUNTERSIGN_DB_URL sets " + setting + "=" + own + ", but Countersign runs on H2 only with "
                                + setting + "=" + value + ". Remove the setting from the URL: the service adds "
                                + dialectSettings() + " when the URL lacks them.");
            }
        });
        // H2 refuses a URL asking for upper- and lower-case names at once, with an error naming neither
        String upper = named.get("DATABASE_TO_UPPER");
        if (upper != null && upper.equalsIgnoreCase("TRUE")) {
            throw new InvalidConfigurationPropertyValueException(
                    "spring.datasource.url",
                    HiddenValueFailureAnalyzer.HIDDEN,
                    "COUNTERSIGN_DB_URL sets DATABASE_TO_UPPER=TRUE, but Countersign runs on H2 only with"
                            + " DATABASE_TO_LOWER=TRUE. Remove DATABASE_TO_UPPER from the URL.");
        }
        return settled.toString();
    }

    private static Map<String, String> settingsOf(String url) {
        Map<String, String> settings = new HashMap<>();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals > 0) {
                settings.put(
                        parts[i].substring(0, equals).strip().toUpperCase(Locale.ROOT),
                        parts[i].substring(equals + 1).strip());
            }
        }
        return settings;
    }

    private static Map<String, String> dialect() {
        Map<String, String> dialect = new LinkedHashMap<>();
        dialect.put("MODE", "PostgreSQL");
        dialect.put("DATABASE_TO_LOWER", "TRUE");
        dialect.put("DEFAULT_NULL_ORDERING", "HIGH");
        return Collections.unmodifiableMap(dialect);
    }

    private static String dialectSettings() {
        return String.join(
                ";",
                DIALECT.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList());
    }

    // a URL that names the setting keeps the operator's choice
    private static String unlessNamed(String url, String setting, String value) {
        if (url.toLowerCase(Locale.ROOT).contains(setting.toLowerCase(Locale.ROOT) + "=")) {
            return url;
        }
        return url + ";" + setting + "=" + value;
    }
}
