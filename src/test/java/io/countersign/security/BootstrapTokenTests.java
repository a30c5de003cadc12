package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.CountersignApplication;
import io.countersign.testing.PostgresDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh install with a preset administrator token, started here so that its log can be read: the
 * preset token is never printed, and it is an ordinary token that can be rotated.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapTokenTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    String databaseUrl() {
        return "jdbc:h2:mem:cs-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    @Test
    void thePresetTokenIsNeverPrintedAndCanBeRotatedWithoutDeletingTheAdministrator(CapturedOutput output)
            throws Exception {
        String preset = "preset-" + UUID.randomUUID();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CountersignApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + databaseUrl(),
                        "--spring.datasource.username=",
                        "--spring.datasource.password=",
                        "--countersign.bootstrap.admin-token=" + preset,
                        "--countersign.encryption-key=" + PostgresDatabases.ENCRYPTION_KEY,
                        "--logging.level.root=info")) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

            assertThat(output.getAll())
                    .contains("Countersign created the first administrator")
                    .contains("(from COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN)")
                    .contains(" http://localhost:" + app.getEnvironment().getProperty("local.server.port")
                            + "/api/v1/users/admin")
                    .doesNotContain(preset);

            JsonNode listed = call(base, preset, "GET", "/api/v1/users/admin/tokens", null, 200);
            assertThat(listed.size()).isEqualTo(1);
            assertThat(listed.get(0).get("name").asString()).isEqualTo("bootstrap");
            String bootstrapId = listed.get(0).get("id").asString();

            String next = call(base, preset, "POST", "/api/v1/users/admin/tokens", "{\"name\":\"bootstrap-2\"}", 201)
                    .get("token")
                    .asString();
            call(base, next, "DELETE", "/api/v1/users/admin/tokens/" + bootstrapId, null, 204);

            call(base, preset, "GET", "/api/v1/users/admin", null, 401);
            assertThat(call(base, next, "GET", "/api/v1/users/admin", null, 200)
                            .get("role")
                            .asString())
                    .isEqualTo("ADMIN");
            assertThat(output.getAll()).doesNotContain(preset);
        }
    }

    @Test
    void aPresetPasswordLongerThanBcryptReadsStartsTheServiceAndIsTheAdministratorsPassword() throws Exception {
        String preset = "preset-" + UUID.randomUUID();
        String password = "an administrator's long passphrase ".repeat(3).substring(0, 80);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CountersignApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + databaseUrl(),
                        "--spring.datasource.username=",
                        "--spring.datasource.password=",
                        "--countersign.bootstrap.admin-token=" + preset,
                        "--countersign.bootstrap.admin-password=" + password,
                        "--countersign.encryption-key=" + PostgresDatabases.ENCRYPTION_KEY)) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            String path = "/api/v1/users/admin/password";

            String replacement = ",\"new\":\"" + password + "!\"}";

            JsonNode refused = call(
                    base,
                    preset,
                    "PUT",
                    path,
                    "{\"current\":\"" + password.substring(0, 72) + "!\"" + replacement,
                    400);
            assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("current");
            call(base, preset, "PUT", path, "{\"current\":\"" + password + "\"" + replacement, 204);
        }
    }

    private static JsonNode call(String base, String token, String method, String path, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expected);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
