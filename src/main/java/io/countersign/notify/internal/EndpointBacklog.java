package io.countersign.notify.internal;

import io.countersign.shared.database.NotificationFence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries waiting at one webhook endpoint, which the sender thread that has just delivered to it
 * claims and sends one after the other (docs/adr/0045) instead of handing the endpoint back to the
 * channel's run, whose wake, pickup and acknowledgement hold cost more than a send to a receiver that
 * answers at once. Each one is read afresh before it is claimed (its URL, a rest begun meanwhile), and
 * waits out what is left of the hold (docs/adr/0029) since this backlog first read it: a delivery read
 * here had committed by then, so one that waited its turn behind others goes out without a wait.
 */
final class EndpointBacklog {

    /** Deliveries read at once: those behind the next are seen, and their hold runs, while it is sent. */
    static final int READ_AHEAD = 20;

    private static final Logger log = LoggerFactory.getLogger(EndpointBacklog.class);

    private final DueDeliveries deliveries;
    private final NotificationFence fence;
    private final Clock clock;
    private final String webhookId;
    private final Duration lease;
    // when each delivery of the last read was first read, by id (System.nanoTime)
    private Map<String, Long> firstRead = Map.of();

    EndpointBacklog(DueDeliveries deliveries, NotificationFence fence, Clock clock, String webhookId, Duration lease) {
        this.deliveries = deliveries;
        this.fence = fence;
        this.clock = clock;
        this.webhookId = webhookId;
        this.lease = lease;
    }

    /**
     * Claims the endpoint's oldest delivery due, for the lease; empty when none is due, the endpoint
     * rests, its next delivery is a probe (the runs claim those, {@link DestinationRests}), another
     * instance claimed it first (and sends the endpoint's deliveries meanwhile), or the database
     * could not be asked: the channel's run, woken as the send ends, or its polling, sends it then.
     */
    Optional<DueDeliveries.Due> claimNext() {
        try {
            List<DueDeliveries.Due> due = deliveries.dueAtEndpoint(webhookId, clock.instant(), READ_AHEAD);
            long readAt = System.nanoTime();
            Map<String, Long> seen = new HashMap<>();
            due.forEach(d -> seen.put(d.id(), firstRead.getOrDefault(d.id(), readAt)));
            firstRead = seen;
            if (due.isEmpty() || due.get(0).endpointRestedUntil() != null) {
                return Optional.empty();
            }
            DueDeliveries.Due next = due.get(0);
            fence.waitOutHoldSince(seen.get(next.id()));
            Instant now = clock.instant();
            return deliveries.claim(next, now, now.plus(lease));
        } catch (RuntimeException e) {
            log.debug("Could not claim webhook {}'s next delivery: {}", webhookId, e.toString());
            return Optional.empty();
        }
    }
}
