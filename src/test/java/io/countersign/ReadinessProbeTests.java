package io.countersign;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessProbeTests {

    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;
    private URI readiness;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        readiness = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/health/readiness");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aReadyInstancePassesTheHealthCheck() {
        assertThat(ReadinessProbe.isReady(readiness)).isTrue();
    }

    @Test
    void anInstanceThatIsNotReadyOrDoesNotAnswerFailsIt() {
        status.set(503);
        assertThat(ReadinessProbe.isReady(readiness)).isFalse();
        server.stop(0);
        assertThat(ReadinessProbe.isReady(readiness)).isFalse();
    }
}
