package io.countersign.notify.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This instance's {@link ServerPause} of each channel. Each instance keeps its own: one that has not
 * yet met the unreachable server finds out with one attempt of its own.
 */
@Component
public class ServerPauses {

    private static final Logger log = LoggerFactory.getLogger(ServerPauses.class);

    private final NotificationProperties properties;
    private final Map<String, ServerPause> byChannel = new ConcurrentHashMap<>();

    ServerPauses(NotificationProperties properties) {
        this.properties = properties;
    }

    ServerPause of(String channel) {
        return byChannel.computeIfAbsent(channel, c -> new ServerPause(properties.unreachablePause()));
    }

    /**
     * After an attempt on the channel that ended at {@code ended}: pauses the channel when its server
     * could not be reached, and ends the pause once the server answered (delivered, or failed with an
     * answer of its own).
     */
    void afterAttempt(String channel, boolean unreachable, boolean answered, String error, Instant ended) {
        ServerPause pause = of(channel);
        if (unreachable) {
            if (pause.unreachable(ended)) {
                log.warn(
                        "The {} channel cannot reach its server ({}); its deliveries wait {} s before one of them"
                                + " tries again",
                        channel,
                        error,
                        properties.unreachablePause().toSeconds());
            }
        } else if (answered && pause.end()) {
            log.info("The {} channel reaches its server again; its waiting deliveries are sent", channel);
        }
    }

    /** Ends the channel's pause, as when its server's settings are saved; returns true when one ended. */
    public boolean end(String channel) {
        return of(channel).end();
    }
}
