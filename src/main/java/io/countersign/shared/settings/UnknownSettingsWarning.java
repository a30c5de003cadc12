package io.countersign.shared.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A misspelt {@code countersign.*} setting ({@code --countersign.audit.seal-intervall},
 * {@code COUNTERSIGN_CHECK_LISTENER_PROT}) binds nothing, and the service would run with the default
 * without a word: at start, each one is named in a warning, with the closest setting the service knows.
 * The known settings are those of the configuration metadata (the configuration reference is made from
 * it too) and the variables the service's own configuration names in {@code ${...}} placeholders
 * ({@code COUNTERSIGN_DB_URL}). Names only: a value is never logged. The start goes on; a start refused
 * for another reason names them too ({@link UnknownSettingsListener}).
 */
class UnknownSettingsWarning {

    private static final Logger log = LoggerFactory.getLogger(UnknownSettingsWarning.class);
    private static final String PREFIX = "countersign";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");
    private static final int CLOSE = 3;

    /** A known setting, and whether names below it are its own (a map's keys, a list's indexes). */
    private record Known(String property, boolean withBelow) {

        String variable() {
            return Setting.of(property).variable();
        }
    }

    private final ConfigurableEnvironment environment;

    UnknownSettingsWarning(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    void warn() {
        List<Known> known = known();
        Set<String> placeholders = placeholders();
        Set<String> reported = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            boolean variables = source instanceof SystemEnvironmentPropertySource;
            for (String name : names.getPropertyNames()) {
                if (name.toLowerCase(Locale.ROOT).startsWith(PREFIX + (variables ? "_" : "."))
                        && !placeholders.contains(name)
                        && known.stream().noneMatch(setting -> binds(setting, name))) {
                    reported.add(name);
                }
            }
        }
        for (String name : reported) {
            boolean variable = !name.contains(".");
            Optional<String> closest = closest(name, known, variable);
            log.warn(
                    "The setting {} is not one of this service's settings and is ignored{}",
                    name,
                    closest.map(spelling -> "; did you mean " + spelling + "?").orElse(""));
        }
    }

    private static boolean binds(Known setting, String name) {
        String uniform = uniform(name.replaceAll("\\[[^]]*]", ""));
        String own = uniform(setting.property());
        return uniform.equals(own) || (setting.withBelow() && uniform.startsWith(own));
    }

    /** A name as relaxed binding compares it: letters and digits, in lower case. */
    private static String uniform(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Optional<String> closest(String name, List<Known> known, boolean variable) {
        String best = null;
        int distance = CLOSE + 1;
        for (Known setting : known) {
            String spelling = variable ? setting.variable() : setting.property();
            int d = distance(variable ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT), spelling);
            if (d < distance) {
                distance = d;
                best = spelling;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** What the service's own configuration reads through placeholders, its variables among them. */
    private Set<String> placeholders() {
        Set<String> named = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    Object value = source.getProperty(name);
                    if (value != null) {
                        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
                        while (placeholder.find()) {
                            named.add(placeholder.group(1));
                        }
                    }
                }
            }
        }
        return named;
    }

    private static List<Known> known() {
        List<Known> known = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (Resource metadata : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
                try (InputStream in = metadata.getInputStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString("");
                        String type = property.path("type").asString("");
                        if (name.startsWith(PREFIX + ".")) {
                            known.add(new Known(name, type.startsWith("java.util.") || type.endsWith("[]")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return known;
    }
}
