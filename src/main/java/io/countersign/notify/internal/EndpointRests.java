package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.shared.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
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

    /**
     * Tells every instance that the endpoint of a delivery just attempted rests, or that it answered.
     * Any answer to the probe ends the rest; a 2xx to another delivery, one in flight when the rest
     * began, does too.
     */
    void afterAttempt(DueDeliveries.Due due, AttemptResult result, Instant ended) {
        if (result.unreachable()) {
            begin(due.webhookId(), ended);
        } else if (result.statusCode() != null && due.endpointRestedUntil() != null) {
            end(due.webhookId());
        } else if (result.succeeded()) {
            answered(due.webhookId(), ended);
        }
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
     * The endpoint accepted a delivery that was no probe, by an answer that came at {@code answered}:
     * one sent before its rest began, by this instance or another. The rest ends, as after a probe,
     * unless it began after that answer: the failure that began it is then the newer news. A rest
     * began {@link #length} before it ends; a probe's lease ({@link #claimProbe}) is taken after the
     * rest, so an answer during the probe ends it as well, unless the lease is longer than a rest.
     */
    void answered(String webhookId, Instant answered) {
        jdbc.sql("update webhooks set rests_until = null where id = ? and rests_until <= ?")
                .params(webhookId, DeliveryStore.dueAt(answered.plus(length)))
                .update();
    }

    /**
     * The endpoints that rest in this instance's {@code pauses} at {@code now}, less those whose row
     * no longer rests: another instance's answer ended their rest ({@link #answered}), which ends this
     * instance's pause too. The pause stays the guard against a read made just before this instance's
     * own failure was recorded, which the row could not yet show.
     */
    Set<String> restingHere(ServerPauses pauses, Instant now) {
        Set<String> resting = pauses.resting(Delivery.WEBHOOK, now);
        if (resting.isEmpty()) {
            return resting;
        }
        Set<String> onRows = Set.copyOf(jdbc.sql("select id from webhooks where id in (:ids) and rests_until > :now")
                .param("ids", resting)
                .param("now", Timestamps.toDb(now))
                .query(String.class)
                .list());
        resting.stream()
                .filter(id -> !onRows.contains(id))
                .forEach(id -> pauses.afterAttempt(Delivery.WEBHOOK, id, false, true, null, now));
        return onRows;
    }

    /**
     * Claims the probe of a webhook endpoint whose rest is over for this claimed delivery; true when it
     * is no probe, false when another run claimed the probe first.
     */
    boolean claimProbeOf(DueDeliveries.Due claimed) {
        return !claimed.isWebhook()
                || claimed.endpointRestedUntil() == null
                || claimProbe(claimed.webhookId(), claimed.endpointRestedUntil(), claimed.leasedUntil());
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
