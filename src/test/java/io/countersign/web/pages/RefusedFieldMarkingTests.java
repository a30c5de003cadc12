package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page template marks a control whose problem it can show beside it: a control that names an
 * error message in {@code aria-describedby}, or whose message the shared fragments place after it, also
 * says {@code aria-invalid}, so that a screen reader hears which field was refused and why.
 */
class RefusedFieldMarkingTests {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern CONTROL = Pattern.compile("<(?:input|select|textarea)\\b[^>]*>");
    private static final Pattern PLACED_MESSAGE = Pattern.compile("(?:fieldError|errs)\\('([^']+)'\\)");

    @Test
    void aControlWithAMessageBesideItIsMarkedInvalidWhenRefused() throws IOException {
        List<String> unmarked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            files.filter(file -> file.toString().endsWith(".html")).forEach(file -> {
                String template = read(file);
                List<String> controls = CONTROL.matcher(template)
                        .results()
                        .map(MatchResult::group)
                        .toList();
                List<String> placed = PLACED_MESSAGE
                        .matcher(template)
                        .results()
                        .map(found -> "id=\"" + found.group(1) + "\"")
                        .toList();
                controls.stream()
                        .filter(control -> control.contains("aria-describedby")
                                || placed.stream().anyMatch(control::contains))
                        .filter(control -> !control.contains("aria-invalid"))
                        .forEach(control -> unmarked.add(TEMPLATES.relativize(file) + ": " + control));
            });
        }
        assertThat(unmarked).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
