package io.countersign.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The listener kept for enforcement points ({@link CheckListener}).
 *
 * @param port a second port, for enforcement points: the access check and the health probes only, on
 *     threads of their own (0 takes any free port; see "A listener for enforcement points")
 * @param threads how many checks that port answers at once, 1 to 200
 */
@ConfigurationProperties("countersign.check-listener")
public record CheckListenerProperties(
        Integer port, @DefaultValue("8") int threads) {

    static final int MOST_THREADS = 200;

    public CheckListenerProperties {
        if (port != null && (port < 0 || port > ServerPortCheck.HIGHEST)) {
            throw new IllegalArgumentException(
                    "countersign.check-listener.port (COUNTERSIGN_CHECK_PORT) must be between 1"
                            + " and " + ServerPortCheck.HIGHEST
                            + " (or 0 for any free port), or unset for no check listener;"
                            + " it is " + port);
        }
        if (threads < 1 || threads > MOST_THREADS) {
            throw new IllegalArgumentException("countersign.check-listener.threads (COUNTERSIGN_CHECK_THREADS) must be"
                    + " between 1 and " + MOST_THREADS + "; it is " + threads);
        }
    }

    boolean enabled() {
        return port != null;
    }
}
