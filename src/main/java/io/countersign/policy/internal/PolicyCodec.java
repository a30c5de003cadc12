package io.countersign.policy.internal;

import io.countersign.policy.PolicyDefinition;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON kept in {@code policies.definition}. Its own mapper, so that the stored form does not
 * change with the web layer's settings: durations as ISO-8601 text, and fields a later version added
 * are ignored when an older instance reads them.
 */
final class PolicyCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private PolicyCodec() {}

    static String write(PolicyDefinition policy) {
        return JSON.writeValueAsString(policy);
    }

    static PolicyDefinition read(String json) {
        return JSON.readValue(json, PolicyDefinition.class);
    }
}
