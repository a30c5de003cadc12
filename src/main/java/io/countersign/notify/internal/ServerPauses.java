package io.countersign.notify.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This instance's {@link ServerPause} of each notification channel and of each webhook endpoint.
 * Webhooks are paused one endpoint at a time, by webhook id: each endpoint is a server of its own, so a
 * dead one must not hold up the others (docs/adr/0037). Each instance keeps its own pauses: one that
 * has not yet met the unreachable server finds out with one attempt of its own.
 */
@Component
public class ServerPauses {

    private static final Logger log = LoggerFactory.getLogger(ServerPauses.class);

    private final NotificationProperties properties;
    private final Map<String, ServerPause> byChannel = new ConcurrentHashMap<>();
    // only endpoints that were found unreachable: an answer removes the entry, so the map stays small
    private final Map<String, ServerPause> byWebhook = new ConcurrentHashMap<>();

    ServerPauses(NotificationProperties properties) {
        this.properties = properties;
    }

    ServerPause of(String channel) {
        return byChannel.computeIfAbsent(channel, c -> new ServerPause(properties.unreachablePause()));
    }

    /** Whether a delivery to the webhook may be attempted at {@code now}. */
    boolean webhookAllows(String webhookId, Instant now) {
        ServerPause pause = byWebhook.get(webhookId);
        return pause == null || pause.allows(now);
    }

    /** Whether the webhook's rest is over and one of its deliveries should find out if it answers again. */
    boolean webhookProbing(String webhookId, Instant now) {
        ServerPause pause = byWebhook.get(webhookId);
        return pause != null && pause.probing(now);
    }

    /** The webhooks resting at {@code now}, whose deliveries are not even read. */
    Set<String> webhooksResting(Instant now) {
        return byWebhook.entrySet().stream()
                .filter(e -> !e.getValue().allows(now))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
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

    /**
     * As {@link #afterAttempt}, for one webhook's endpoint; {@code answered} when it answered with a
     * status, whichever. Its URL is a credential and is never logged: the webhook's id names it.
     */
    void afterWebhookAttempt(String webhookId, boolean unreachable, boolean answered, String error, Instant ended) {
        if (unreachable) {
            ServerPause pause =
                    byWebhook.computeIfAbsent(webhookId, w -> new ServerPause(properties.unreachablePause()));
            if (pause.unreachable(ended)) {
                log.warn(
                        "Webhook {} cannot reach its endpoint ({}); its deliveries wait {} s before one of them"
                                + " tries again",
                        webhookId,
                        error,
                        properties.unreachablePause().toSeconds());
            }
        } else if (answered) {
            ServerPause pause = byWebhook.remove(webhookId);
            if (pause != null && pause.end()) {
                log.info("Webhook {} reaches its endpoint again; its waiting deliveries are sent", webhookId);
            }
        }
    }

    /** Forgets a deleted webhook's pause. */
    public void forgetWebhook(String webhookId) {
        byWebhook.remove(webhookId);
    }

    /** Ends the channel's pause, as when its server's settings are saved; returns true when one ended. */
    public boolean end(String channel) {
        return of(channel).end();
    }
}
