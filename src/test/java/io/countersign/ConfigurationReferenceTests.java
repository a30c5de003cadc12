package io.countersign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration reference is the table the configuration metadata (javadoc and
 * {@code @DefaultValue} of the properties records) gives, so the README and the code cannot disagree.
 * When a property changes, this test fails and writes the new table to
 * {@code target/configuration-reference.md} to paste between the README's markers.
 */
class ConfigurationReferenceTests {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    private static final String START = "<!-- configuration-reference:start -->";
    private static final String END = "<!-- configuration-reference:end -->";
    private static final Pattern JAVADOC_CODE = Pattern.compile("\\{@(?:code|literal) ([^{}]*)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):(.*)}$");

    private final Map<String, JsonNode> properties = countersignProperties();
    private final Map<String, Object> applicationYml =
            flatten("", new Yaml().load(read(Path.of("src/main/resources/application.yml"))));
    private final String readme = read(Path.of("README.md"));

    @Test
    void everyCountersignPropertyHasADescription() {
        assertThat(properties).isNotEmpty();
        assertThat(properties.values())
                .allSatisfy(property -> assertThat(property.path("description").asString(""))
                        .as(property.get("name").asString())
                        .isNotBlank());
    }

    @Test
    void theReadmeListsEveryPropertyWithItsDefaultDescriptionAndEnvironmentVariable() throws IOException {
        String expected = table();
        Files.writeString(Path.of("target/configuration-reference.md"), expected);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README marker " + START).isNotNegative();
        assertThat(end).as("README marker " + END).isGreaterThan(start);
        assertThat(readme.substring(start + START.length(), end).strip())
                .as("README configuration reference (the current table is in target/configuration-reference.md)")
                .isEqualTo(expected.strip());
    }

    @Test
    void applicationYmlSetsNoCountersignPropertyTheCodeDoesNotRead() {
        assertThat(applicationYml.keySet().stream().filter(key -> key.startsWith("countersign.")))
                .allSatisfy(key -> assertThat(properties).containsKey(key));
    }

    /**
     * Properties named in the configuration section, or beside their variable elsewhere ("`a.b` (`A_B`)",
     * "`A_B` (`a.b`)"), must exist; metric names such as countersign.requests.waiting are not properties.
     */
    @Test
    void theReadmeNamesNoCountersignPropertyTheCodeDoesNotRead() {
        int section = readme.indexOf("\n## Configuration");
        String configuration = readme.substring(section, readme.indexOf("\n## ", section + 1));
        Set<String> named = new TreeSet<>();
        Matcher inSection = Pattern.compile("countersign\\.[a-z.-]*[a-z]").matcher(configuration);
        while (inSection.find()) {
            named.add(inSection.group());
        }
        Matcher besideVariable = Pattern.compile(
                        "\\(`(countersign\\.[a-z.-]*[a-z])`\\)|`(countersign\\.[a-z.-]*[a-z])` \\(`[A-Z]")
                .matcher(readme);
        while (besideVariable.find()) {
            named.add(besideVariable.group(1) != null ? besideVariable.group(1) : besideVariable.group(2));
        }
        assertThat(named)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(properties.keySet())
                        .as("properties the code reads")
                        .anyMatch(property -> property.startsWith(name)));
    }

    @Test
    void everyEnvironmentVariableApplicationYmlReadsIsDocumented() {
        List<String> variables = applicationYml.values().stream()
                .map(value -> PLACEHOLDER.matcher(String.valueOf(value)))
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .toList();
        assertThat(variables)
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(readme).contains(variable));
    }

    private String table() {
        StringBuilder table = new StringBuilder();
        table.append("| property | environment variable | default | meaning |\n");
        table.append("|---|---|---|---|\n");
        properties.forEach((name, property) -> {
            JsonNode value = property.get("defaultValue");
            String fallback = value == null || value.isNull() ? "unset" : "`" + text(property, value) + "`";
            table.append("| `%s` | `%s` | %s | %s |\n"
                    .formatted(
                            name,
                            environmentVariable(name),
                            fallback,
                            markdown(property.get("description").asString())));
        });
        return table.toString();
    }

    /** The javadoc a description is taken from, as the README shows it: {@code x} as `x`. */
    private static String markdown(String javadoc) {
        return JAVADOC_CODE.matcher(javadoc).replaceAll("`$1`");
    }

    /** A list's default as its environment variable takes it ("a,b"), not as the metadata writes it ("[a, b]"). */
    private static String text(JsonNode property, JsonNode value) {
        String text = value.asString();
        boolean list = property.path("type").asString("").startsWith("java.util.List");
        return list && text.startsWith("[") && text.endsWith("]")
                ? String.join(",", text.substring(1, text.length() - 1).split(",\\s*"))
                : text;
    }

    @Test
    void eachDocumentedEnvironmentVariableSetsItsProperty() {
        properties.keySet().stream()
                .filter(name -> !PLACEHOLDER
                        .matcher(String.valueOf(applicationYml.get(name)))
                        .matches())
                .forEach(name -> {
                    Binder binder = new Binder(ConfigurationPropertySources.from(
                            new SystemEnvironmentPropertySource("env", Map.of(environmentVariable(name), "7"))));
                    assertThat(binder.bind(name, String.class).orElse(null))
                            .as(name)
                            .isEqualTo("7");
                });
    }

    /**
     * The variable application.yml reads for the property, or else the relaxed-binding spelling with
     * each dash an underscore (COUNTERSIGN_ENCRYPTION_KEY), which Spring Boot maps back to the property.
     */
    private String environmentVariable(String name) {
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(applicationYml.get(name)));
        if (placeholder.matches()) {
            return placeholder.group(1);
        }
        return name.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static Map<String, JsonNode> countersignProperties() {
        JsonNode metadata = JsonMapper.builder().build().readTree(read(METADATA));
        Map<String, JsonNode> found = new LinkedHashMap<>();
        metadata.get("properties")
                .valueStream()
                .filter(property -> property.get("name").asString().startsWith("countersign."))
                .sorted((a, b) ->
                        a.get("name").asString().compareTo(b.get("name").asString()))
                .forEach(property -> found.put(property.get("name").asString(), property));
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(String prefix, Map<String, Object> yaml) {
        Map<String, Object> flat = new LinkedHashMap<>();
        yaml.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                flat.putAll(flatten(prefix + key + ".", (Map<String, Object>) nested));
            } else {
                flat.put(prefix + key, value);
            }
        });
        return flat;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
