package io.countersign;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            -,    -,    8080
            9001, -,    9001
            -,    9002, 9002
            9001, 9002, 9002
            """)
    void theCheckAsksThePortTheServiceListensOn(String countersignPort, String serverPort, int expected) {
        Map<String, Object> variables = new HashMap<>();
        if (countersignPort != null) {
            variables.put("COUNTERSIGN_PORT", countersignPort);
        }
        if (serverPort != null) {
            variables.put("SERVER_PORT", serverPort);
        }
        // the port as Spring binds it: variables before application.yml, whose server.port names COUNTERSIGN_PORT
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        spring.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        spring.getPropertySources()
                .addLast(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        spring.getPropertySources()
                .addLast(new MapPropertySource("application.yml", Map.of("server.port", "${COUNTERSIGN_PORT:8080}")));
        Map<String, String> strings = new HashMap<>();
        variables.forEach((name, value) -> strings.put(name, (String) value));

        assertThat(spring.getProperty("server.port", Integer.class)).isEqualTo(expected);
        assertThat(ReadinessProbe.readiness(strings).getPort()).isEqualTo(expected);
    }
}
