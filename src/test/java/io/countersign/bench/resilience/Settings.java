package io.countersign.bench.resilience;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one resilience run does, read from {@code RESILIENCE_*} environment variables so that
 * {@code bench/resilience.sh} can hand them over unchanged.
 */
record Settings(
        Path jar,
        List<String> javaOptions,
        String databaseUrl,
        String adminToken,
        String encryptionKey,
        List<Integer> ports,
        int receiverPort,
        int clients,
        int rounds,
        int databaseRestarts,
        String databaseRestartCommand,
        Duration loadBetweenFaults,
        Duration retryFor,
        Duration drainFor,
        Path workDirectory) {

    static Settings fromEnvironment() {
        return new Settings(
                Path.of(required("RESILIENCE_JAR")),
                Arrays.stream(System.getenv()
                                .getOrDefault("RESILIENCE_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1")
                                .split("\\s+"))
                        .filter(option -> !option.isEmpty())
                        .toList(),
                required("RESILIENCE_DB_URL"),
                required("RESILIENCE_ADMIN_TOKEN"),
                required("RESILIENCE_ENCRYPTION_KEY"),
                List.of(number("RESILIENCE_PORT_A", 18281), number("RESILIENCE_PORT_B", 18282)),
                number("RESILIENCE_RECEIVER_PORT", 18290),
                number("RESILIENCE_CLIENTS", 6),
                number("RESILIENCE_ROUNDS", 20),
                number("RESILIENCE_DB_RESTARTS", 0),
                System.getenv().getOrDefault("RESILIENCE_DB_RESTART_COMMAND", ""),
                Duration.ofSeconds(number("RESILIENCE_LOAD_SECONDS", 5)),
                Duration.ofSeconds(number("RESILIENCE_RETRY_SECONDS", 180)),
                Duration.ofSeconds(number("RESILIENCE_DRAIN_SECONDS", 300)),
                Path.of(System.getenv().getOrDefault("RESILIENCE_WORK_DIR", "target/resilience")));
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set (bench/resilience.sh sets it)");
        }
        return value;
    }

    private static int number(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
