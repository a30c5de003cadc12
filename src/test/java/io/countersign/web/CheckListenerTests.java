package io.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import io.countersign.testing.TestClockConfiguration;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Enforcement points given a listener of their own: it answers the check and the health probes only,
 * and goes on answering while every thread of the main port is held by other calls.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.check-listener.port=0",
            "countersign.check-listener.threads=2",
            // two threads on the main port, so that two stalled calls hold all of them
            "server.tomcat.threads.max=2",
            "server.tomcat.threads.min-spare=1",
            "countersign.logging.access-log=true"
        })
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class CheckListenerTests {

    private static final String CHECK = "/api/v1/access/check?user=dev&resource=db&account=root";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Socket> stalled = new ArrayList<>();

    @LocalServerPort
    int mainPort;

    @Autowired
    CheckListener listener;

    @AfterEach
    void releaseStalledCalls() throws Exception {
        for (Socket socket : stalled) {
            socket.close();
        }
    }

    @Test
    void theCheckIsAnsweredOnBothPorts() throws Exception {
        assertThat(listener.port()).isPositive().isNotEqualTo(mainPort);

        HttpResponse<String> there = get(listener.port(), CHECK, Api.ADMIN_TOKEN, Duration.ofSeconds(10));
        HttpResponse<String> main = get(mainPort, CHECK, Api.ADMIN_TOKEN, Duration.ofSeconds(10));

        assertThat(there.statusCode()).isEqualTo(200);
        assertThat(there.body()).contains("\"allowed\":false");
        assertThat(there.body()).isEqualTo(main.body());
        assertThat(get(listener.port(), CHECK, "not-a-token-of-anyone-0123456789", Duration.ofSeconds(10))
                        .statusCode())
                .isEqualTo(401);
        assertThat(get(listener.port(), "/actuator/health/readiness", null, Duration.ofSeconds(10))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aMethodTheCheckDoesNotTakeNamesTheMethodsItDoesOnTheCheckListener() throws Exception {
        Answer post = RawHttp.sendBody(
                listener.port(), "POST", "/api/v1/access/check", "", "Authorization: Bearer " + Api.ADMIN_TOKEN);
        Answer options = RawHttp.send(
                listener.port(), "OPTIONS", "/api/v1/access/check", "Authorization: Bearer " + Api.ADMIN_TOKEN);

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void traceOnTheCheckListenerNamesOnlyWhatTheListenerServes() throws Exception {
        Answer check = RawHttp.send(listener.port(), "TRACE", "/api/v1/access/check");
        Answer elsewhere = RawHttp.send(listener.port(), "TRACE", "/api/v1/requests");
        Answer health = RawHttp.send(listener.port(), "TRACE", "/actuator/health");

        assertThat(check.status()).isEqualTo(405);
        assertThat(check.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(check.contentType()).startsWith("application/problem+json");
        assertThat(elsewhere.status()).isEqualTo(405);
        assertThat(elsewhere.header("Allow")).isEmpty();
        assertThat(health.status()).isEqualTo(405);
        assertThat(health.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void nothingElseIsServedOnTheCheckListener() throws Exception {
        for (String path : List.of(
                "/api/v1/requests",
                "/api/v1/users",
                "/",
                "/login",
                "/console",
                "/actuator/prometheus",
                "/actuator/health/secrets",
                "/actuator/health/db",
                "/api/v1/access/check/../requests",
                "/api/v1/access/checks")) {
            HttpResponse<String> answer = get(listener.port(), path, Api.ADMIN_TOKEN, Duration.ofSeconds(10));

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).contains("Nothing is served at this path.");
        }
        HttpResponse<String> creation = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/api/v1/requests"))
                        .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"resource\":\"db\",\"account\":\"root\",\"justification\":\"x\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(creation.statusCode()).isEqualTo(404);
        assertThat(get(mainPort, "/api/v1/requests", Api.ADMIN_TOKEN, Duration.ofSeconds(10))
                        .statusCode())
                .as("the main port serves the API as ever")
                .isEqualTo(200);
    }

    @Test
    void aPathNotServedOnTheCheckListenerIsLoggedWithItsCallId(CapturedOutput output) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/api/v1/checks-misspelt"))
                        .header("X-Request-Id", "gateway-7-404")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // an enforcement point configured with the wrong path is found in the access log
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("X-Request-Id")).contains("gateway-7-404");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsPattern("GET /api/v1/checks-misspelt 404 [0-9]+ms id=gateway-7-404"));
    }

    @Test
    void aPathTheContainerRefusesGetsCountersignsAnswersOnTheCheckListenerToo() throws Exception {
        for (String path : List.of("/requests/a%2Fb", "/requests/a%5Cb", "/requests/a%00b")) {
            Answer problem = RawHttp.send(listener.port(), "GET", path, "Accept: application/json");
            Answer page = RawHttp.send(listener.port(), "GET", path, "Accept: text/html");

            assertThat(problem.status()).as(path).isEqualTo(400);
            assertThat(problem.contentType()).as(path).startsWith("application/problem+json");
            assertThat(problem.json().get("instance").asString()).as(path).isEqualTo(path);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<title>Bad Request - Countersign</title>");
            assertThat(problem.headers() + problem.body() + page.headers() + page.body())
                    .as(path)
                    .doesNotContainIgnoringCase("tomcat")
                    .doesNotContain("HTTP Status");
        }
    }

    @Test
    void checksAreAnsweredWhileEveryThreadOfTheMainPortIsHeld() throws Exception {
        for (int i = 0; i < 2; i++) {
            stalled.add(stallCreation());
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThatThrownBy(() -> get(mainPort, CHECK, Api.ADMIN_TOKEN, Duration.ofMillis(500)))
                                .as("a check on the main port waits for a free thread")
                                .isInstanceOf(HttpTimeoutException.class));

        HttpResponse<String> there = get(listener.port(), CHECK, Api.ADMIN_TOKEN, Duration.ofSeconds(5));
        assertThat(there.statusCode()).isEqualTo(200);
        assertThat(there.body()).contains("\"allowed\":false");
    }

    /** A creation whose body never arrives in full: its request thread waits, reading it. */
    private Socket stallCreation() throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), mainPort);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Api.ADMIN_TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"resource\":")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    private HttpResponse<String> get(int port, String path, String token, Duration timeout) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
