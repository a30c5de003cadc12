package io.countersign.notify.internal;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rest of each webhook endpoint that could not be reached, kept on the endpoint's row rather than
 * in each instance's memory: an instance that has not met the dead endpoint itself leaves it alone
 * too, and once the rest is over one probe, claimed here, finds out whether it answers again. A dead
 * receiver then gets one attempt per rest however many instances send (docs/adr/0042).
 */
@Repository
class EndpointRests {

    private final JdbcClient jdbc;
    private final Duration length;

    EndpointRests(JdbcClient jdbc, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.length = properties.unreachablePause();
    }

    /** The endpoint could not be reached by an attempt that ended at {@code ended}: it rests from then. */
    void begin(String webhookId, Instant ended) {
        jdbc.sql("update webhooks set rests_until = ? where id = ?")
                .params(DeliveryStore.dueAt(ended.plus(length)), webhookId)
                .update();
    }

    /** The endpoint answered a probe: every instance sends its deliveries again. */
    void end(String webhookId) {
        jdbc.sql("update webhooks set rests_until = null where id = ? and rests_until is not null")
                .param(webhookId)
                .update();
    }

    /**
     * Claims the probe of an endpoint whose rest, read as {@code restedUntil}, is over, by keeping the
     * others resting until {@code leaseEnd}: should the probe's instance die, the rest ends with its
     * lease. False when another run claimed the probe first.
     */
    boolean claimProbe(String webhookId, Instant restedUntil, Instant leaseEnd) {
        return jdbc.sql("update webhooks set rests_until = ? where id = ? and rests_until = ?")
                        .params(DeliveryStore.dueAt(leaseEnd), webhookId, DeliveryStore.dueAt(restedUntil))
                        .update()
                == 1;
    }
}
