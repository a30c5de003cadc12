package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the containment tests share: a scene to call on, and the stored state before each test, so that
 * {@link #nothingChanged()} can show a refused call stored nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainmentTestBase {

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    Scene scene;

    StoredState before;

    @BeforeAll
    void scene() {
        scene = new Scene(api);
    }

    @BeforeEach
    void snapshot() {
        before = StoredState.of(jdbc);
    }

    void nothingChanged() {
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    Api.Response importJson(String body) {
        return api.asAdmin().post("/api/v1/import", body);
    }

    Api.Response importYaml(String body) {
        try {
            var result = mvc.perform(
                            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/import")
                                    .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                                    .contentType("application/yaml")
                                    .content(body.getBytes(StandardCharsets.UTF_8)))
                    .andReturn()
                    .getResponse();
            return new Api.Response(result.getStatus(), result.getContentAsString(), result.getContentType());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
