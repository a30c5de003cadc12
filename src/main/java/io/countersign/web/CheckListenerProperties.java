package io.countersign.web;

import io.countersign.shared.settings.Setting;
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
    // application.yml reads these shorter variables, not the property's own spelling
    static final Setting PORT = new Setting("countersign.check-listener.port", "COUNTERSIGN_CHECK_PORT");
    static final Setting THREADS = new Setting("countersign.check-listener.threads", "COUNTERSIGN_CHECK_THREADS");

    public CheckListenerProperties {
        if (port != null && (port < 0 || port > ServerPortCheck.HIGHEST)) {
            throw PORT.refused(
                    port,
                    "must be between 1 and " + ServerPortCheck.HIGHEST
                            + " (or 0 for any free port), or unset for no check listener");
        }
        THREADS.requireBetween(1, MOST_THREADS, threads);
    }

    boolean enabled() {
        return port != null;
    }
}
