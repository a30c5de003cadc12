package io.countersign.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes a bundle as {@link BundleReader} reads it back: durations as ISO-8601 text, absent fields
 * left out rather than written as null. Empty lists are kept, because an empty {@code steps} list
 * means "approve automatically" while a missing one is an error.
 */
public final class BundleWriter {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .changeDefaultPropertyInclusion(include -> include.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private BundleWriter() {}

    public static byte[] write(Bundle bundle, BundleFormat format) {
        ObjectMapper mapper = format == BundleFormat.YAML ? YAML : JSON;
        return mapper.writeValueAsBytes(bundle);
    }
}
