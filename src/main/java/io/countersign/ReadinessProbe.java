package io.countersign;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container image's health check: exits 0 when this instance's readiness group answers 200. The
 * image has no shell and no curl, so the check runs on the image's own Java runtime, with nothing
 * but the JDK on its class path.
 */
public final class ReadinessProbe {

    private ReadinessProbe() {}

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("COUNTERSIGN_PORT", "8080");
        System.exit(isReady(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")) ? 0 : 1);
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
