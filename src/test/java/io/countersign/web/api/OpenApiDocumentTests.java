package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The served OpenAPI document: who may read it, and a copy in {@code target/openapi.json} for the
 * Redocly lint that CI runs on it.
 */
@CountersignTest
class OpenApiDocumentTests {

    @Autowired
    Api api;

    @Test
    void theDocumentIsServedToAnyTokenHolderAndWrittenForTheLint() throws Exception {
        var answer = api.asAdmin().get("/api/v1/openapi").expect(200);

        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), answer.body());
        assertThat(answer.json().get("openapi").asString()).startsWith("3.");
    }
}
