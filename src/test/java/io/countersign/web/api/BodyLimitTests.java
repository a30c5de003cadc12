package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies are capped on a real server, with and without {@code Content-Length}. The caps are set
 * small here (512 KB for the API, 1500 KB for imports) to keep the test light; the defaults are
 * 1 MiB and 32 MiB.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"countersign.web.max-body-size=512KB", "countersign.web.max-import-size=1500KB"})
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class BodyLimitTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    StoredState before;

    @BeforeEach
    void snapshot() {
        before = StoredState.of(jdbc);
    }

    /** A user whose display name is {@code size} bytes of letters: well-formed, only too large. */
    private static byte[] userOfSize(int size) {
        String prefix = "{\"username\":\"" + Api.unique("big") + "\",\"email\":\"big@example.com\",\"displayName\":\"";
        String suffix = "\"}";
        return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A YAML bundle of {@code size} bytes: a comment line pads a valid bundle. */
    private static byte[] bundleOfSize(int size) {
        String bundle = "levels: []\n# ";
        return (bundle + "x".repeat(size - bundle.length())).getBytes(StandardCharsets.UTF_8);
    }

    private record Answer(int status, String contentType, JsonNode json) {}

    private Answer post(String path, String contentType, BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .header("Content-Type", contentType)
                .POST(body)
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    @Test
    void anImportWithTwoContentTypesIsRefusedAsBadInputAndChangesNothing() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/import"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .header("Content-Type", "application/yaml")
                .POST(BodyPublishers.ofString("levels: [engineer]"))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("Content-Type");
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    /** A body sent in chunks, with no {@code Content-Length}: the server learns its size only by reading. */
    private static BodyPublisher chunked(byte[] body) {
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    @Test
    void anApiBodyAboveItsCapIsAnsweredWith413BeforeItIsRead() throws Exception {
        Answer answer = post("/api/v1/users", "application/json", BodyPublishers.ofByteArray(userOfSize(700 * 1024)));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("title").asString()).isEqualTo("Request body too large");
        assertThat(answer.json().get("instance").asString()).isEqualTo("/api/v1/users");
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aFormAboveTheCapSentByABrowserIsAnsweredWithAPageAndChangesNothing() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/requests/new"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("justification=" + "a".repeat(700 * 1024)))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.body()).contains("larger than this address accepts; nothing was changed");
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aDecisionLinkBodyAboveTheCapIsRefusedWithoutRepeatingTheLink() throws Exception {
        String token = "a".repeat(32);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actions/" + token))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("comment=" + "a".repeat(700 * 1024)))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).doesNotContain(token).doesNotContain("instance");
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aChunkedApiBodyIsCutOffOnceItPassesTheCap() throws Exception {
        Answer answer = post("/api/v1/users", "application/json", chunked(userOfSize(700 * 1024)));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("status").asInt()).isEqualTo(413);
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void anImportHasItsOwnLargerCap() throws Exception {
        Answer withinImportCap =
                post("/api/v1/import", "application/yaml", BodyPublishers.ofByteArray(bundleOfSize(1024 * 1024)));
        Answer aboveIt =
                post("/api/v1/import", "application/yaml", BodyPublishers.ofByteArray(bundleOfSize(1700 * 1024)));
        Answer aboveItChunked = post("/api/v1/import", "application/yaml", chunked(bundleOfSize(1700 * 1024)));

        assertThat(withinImportCap.status()).isEqualTo(200);
        assertThat(aboveIt.status()).isEqualTo(413);
        assertThat(aboveItChunked.status()).isEqualTo(413);
    }

    @Test
    void aBodyWithinTheCapIsServedAsBefore() throws Exception {
        Answer answer = post("/api/v1/users", "application/json", chunked(userOfSize(400 * 1024)));

        // well within the cap: the body is read in full and the user's rules answer (a 200-character name)
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("displayName");
    }
}
