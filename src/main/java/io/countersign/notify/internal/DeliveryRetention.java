package io.countersign.notify.internal;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Keeps the outbox from growing without bound: delivered events are forgotten after the retention. */
@Component
public class DeliveryRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);

    private final DeliveryStore deliveries;
    private final WebhookProperties properties;
    private final Clock clock;

    public DeliveryRetention(DeliveryStore deliveries, WebhookProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many deliveries were removed. */
    public int purge() {
        int purged = deliveries.purge(clock.instant().minus(properties.retention()));
        if (purged > 0) {
            log.info("Purged {} delivered webhook events older than {}", purged, properties.retention());
        }
        return purged;
    }
}
