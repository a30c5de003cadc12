package io.countersign;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * The container image's health check: exits 0 when this instance's readiness group answers 200. The
 * image has no shell and no curl, so the check runs on the image's own Java runtime, with nothing
 * but the JDK on its class path.
 */
public final class ReadinessProbe {

    private ReadinessProbe() {}

    public static void main(String[] args) {
        System.exit(isReady(readiness(System.getenv())) ? 0 : 1);
    }

    /**
     * The readiness address on the port the service listens on, chosen as Spring chooses it: a
     * {@code SERVER_PORT} variable sets {@code server.port} itself and so wins over application.yml's
     * {@code ${COUNTERSIGN_PORT:8080}}.
     */
    static URI readiness(Map<String, String> variables) {
        String port = variables.getOrDefault("SERVER_PORT", variables.getOrDefault("COUNTERSIGN_PORT", "8080"));
        return URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    static boolean isReady(URI readiness) {
        try {
            HttpURLConnection connection = (HttpURLConnection) readiness.toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }
}
