package io.countersign.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the deployment files as a container runtime would: YAML with anchors and merge keys (which
 * SnakeYAML resolves), navigated by key paths.
 */
final class DeploymentFiles {

    private DeploymentFiles() {}

    static Map<String, Object> yaml(Path file) {
        return yamlDocuments(file).get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(read(file)).forEach(doc -> documents.add((Map<String, Object>) doc));
        return documents;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How long a stopping instance may still take once the calls in progress had their grace period:
     * running timers and deliveries {@value #SCHEDULER_STOP_SECONDS} s (twice {@code
     * db-scheduler.shutdown-max-wait}: it waits that long, interrupts, then waits as long again), the
     * webhook events and notifications being sent 5 s, the mail reply watcher 10 s and the replies it is
     * deciding 10 s more, the audit sealer 5 s. A platform's stop timeout must exceed the grace period
     * and this together.
     */
    static final int SECONDS_AFTER_GRACE_PERIOD = 40;

    /** The share of {@link #SECONDS_AFTER_GRACE_PERIOD} that the scheduler's timers and deliveries get. */
    static final int SCHEDULER_STOP_SECONDS = 10;

    /** The value at {@code path} ("a.b.0.c"), or null when a step is missing. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(step);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return (T) current;
    }

    /** The image name the build tags, passed by Maven. */
    static String imageName() {
        return System.getProperty("built.image.name", "countersign:0.1.0-SNAPSHOT");
    }
}
