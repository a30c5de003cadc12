package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code HEAD} over real HTTP: admitted by the rules of the {@code GET} of the same path, answered
 * with its status and headers and no body; refused where the {@code GET} is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class HeadRequestsTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Test
    void headAnswersAsGetWouldWithoutTheBody() throws Exception {
        HttpResponse<String> get = send("GET", "/api/v1/requests", Api.ADMIN_TOKEN);
        HttpResponse<String> head = send("HEAD", "/api/v1/requests", Api.ADMIN_TOKEN);

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).startsWith("{");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type"))
                .isEqualTo(get.headers().firstValue("Content-Type"));
    }

    @Test
    void headIsRefusedWhereGetIs() throws Exception {
        String token = api.tokenHolder("auditor", "AUDITOR");

        // an auditor may not ask the access check, which is for enforcement points and administrators
        assertThat(send("GET", "/api/v1/access/check?user=a&resource=b&account=c", token)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("HEAD", "/api/v1/access/check?user=a&resource=b&account=c", token)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("HEAD", "/api/v1/requests", null).statusCode()).isEqualTo(401);
        assertThat(send("HEAD", "/api/v1/internals", Api.ADMIN_TOKEN).statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
