package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * An enforcement point checks on every connection it serves, over a connection of its own kept open:
 * the service does not close it after a few hundred calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class KeptConnectionTests {

    private static final int CALLS = 500;

    @LocalServerPort
    int port;

    @Test
    void aConnectionStaysOpenForHundredsOfCalls() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        List<String> closing = new ArrayList<>();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            for (int call = 0; call < CALLS; call++) {
                out.write(("GET /actuator/health/liveness HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String status = in.readLine();
                assertThat(status)
                        .as("the answer to call %d on the same connection", call)
                        .isNotNull();
                statuses.add(Integer.parseInt(status.split(" ")[1]));
                int length = 0;
                boolean chunked = false;
                for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(
                                lower.substring("content-length:".length()).trim());
                    }
                    chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
                    if (lower.startsWith("connection:") && lower.contains("close")) {
                        closing.add("call " + call + ": " + header);
                    }
                }
                if (chunked) {
                    skipChunks(in);
                } else {
                    assertThat(in.skip(length)).isEqualTo(length);
                }
            }
        }

        assertThat(statuses).hasSize(CALLS).containsOnly(200);
        assertThat(closing).isEmpty();
    }

    private static void skipChunks(BufferedReader in) throws Exception {
        for (int size = Integer.parseInt(in.readLine().trim(), 16);
                size > 0;
                size = Integer.parseInt(in.readLine().trim(), 16)) {
            assertThat(in.skip(size)).isEqualTo(size);
            in.readLine();
        }
        in.readLine();
    }
}
