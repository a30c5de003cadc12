package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import io.countersign.web.CheckListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Bodies sent a byte at a time, by someone without a token, hold no request thread for long: a refusal
 * does not wait for the body, nor does an answer to a call that did not read it (a health probe's), and a
 * body still arriving after the body timeout is cut off.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "countersign.web.body-timeout=1s",
            "countersign.check-listener.port=0",
            // few threads on the main port, so that a few slow bodies could hold all of them
            "server.tomcat.threads.max=4",
            "server.tomcat.threads.min-spare=1"
        })
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class SlowBodyTests {

    private static final int THREADS = 4;
    /** Far above the body timeout the test sets, and far below the minutes a drip would last. */
    private static final Duration GENEROUS = Duration.ofSeconds(15);

    private final List<Socket> sockets = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    CheckListener listener;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void refusalsForWantOfATokenDoNotWaitForTheBodyAndOtherCallsAreAnswered() throws Exception {
        List<Socket> refused = new ArrayList<>();
        for (int i = 0; i < THREADS + 2; i++) {
            refused.add(startBody(port, "/api/v1/users"));
        }

        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(GENEROUS)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        for (Socket socket : refused) {
            assertThat(answerBeforeClosing(socket)).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void aRefusalOnTheCheckListenerDoesNotWaitForTheBodyEither() throws Exception {
        Socket socket = startBody(listener.port(), "/api/v1/access/check");

        assertThat(answerBeforeClosing(socket)).startsWith("HTTP/1.1 401");
    }

    @Test
    void aCallAnsweredWithoutReadingItsBodyClosesTheConnectionRatherThanWaitForTheDrip() throws Exception {
        Socket socket = startBody(port, "GET", "/actuator/health");

        assertThat(answerWhileDripping(socket)).startsWith("HTTP/1.1 200");
    }

    @Test
    void aCallAnsweredOnTheCheckListenerWithoutReadingItsBodyClosesTheConnectionToo() throws Exception {
        Socket socket = startBody(listener.port(), "GET", "/actuator/health");

        assertThat(answerWhileDripping(socket)).startsWith("HTTP/1.1 200");
    }

    @Test
    void aSignInFormDrippedAByteAtATimeIsCutOffAfterTheBodyTimeout() throws Exception {
        Socket socket = startBody(port, "/login");

        await().atMost(GENEROUS).pollInterval(Duration.ofMillis(200)).until(() -> dripEnded(socket));
    }

    /** Sends the headers of a large form and the first byte of its body, no more. */
    private Socket startBody(int to, String path) throws IOException {
        return startBody(to, "POST", path);
    }

    private Socket startBody(int to, String method, String path) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), to);
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nu")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** The answer, read until the server closes the connection. */
    private static String answerBeforeClosing(Socket socket) throws IOException {
        socket.setSoTimeout((int) GENEROUS.toMillis());
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Goes on sending the body a byte at a time, each well within the body timeout's pause, and reads the
     * answer until the server closes the connection.
     */
    private static String answerWhileDripping(Socket socket) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        socket.setSoTimeout(200);
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                socket.getOutputStream().write('u');
                socket.getOutputStream().flush();
                int read = socket.getInputStream().read(buffer);
                if (read < 0) {
                    return answer.toString(StandardCharsets.ISO_8859_1);
                }
                answer.write(buffer, 0, read);
            } catch (SocketTimeoutException stillOpen) {
                // the server still reads the body: drip on
            } catch (IOException closed) {
                return answer.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new AssertionError("The connection was still open after " + GENEROUS + "; answered: " + answer);
    }

    /** Sends one more byte; whether the server has answered or closed the connection meanwhile. */
    private static boolean dripEnded(Socket socket) throws IOException {
        try {
            socket.getOutputStream().write('u');
            socket.getOutputStream().flush();
        } catch (IOException closed) {
            return true;
        }
        socket.setSoTimeout(50);
        try {
            socket.getInputStream().read();
            return true;
        } catch (SocketTimeoutException stillReading) {
            return false;
        } catch (IOException closed) {
            return true;
        }
    }
}
