package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.notify.NotificationSender;
import io.countersign.shared.database.NotificationFence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Attempts the deliveries that are due, one channel at a time: a webhook event is signed and POSTed, a
 * notification is handed to the sender of its channel, outside any transaction. Each channel runs
 * inside a db-scheduler execution of its own, and a run never waits for a server (docs/adr/0041): it
 * claims each delivery it starts with a lease in the database, hands the send to the channel's own
 * sender threads ({@link DeliveryAttempts}) and returns; a send that ends wakes the channel for what waits behind it. The lease,
 * not the scheduler, is what keeps two runs (here or on another instance) from attempting one delivery
 * at once, and a delivery whose sender died is attempted again once its lease runs out. Each webhook
 * endpoint and each chat channel takes one send at a time on this instance and has its own rest (a
 * {@link ServerPause}, as has each channel; a destination's is in the database too, {@link DestinationRests}), so a
 * server that is slow or unreachable holds up none but its own deliveries; webhook endpoints and chat
 * channels take {@link Turns}, so neither does one with a long queue.
 */
@Component
public class DeliveryDispatcher implements DisposableBean {

    /** Full batches in a row before the task yields to the scheduler, which will call again at once. */
    static final int MAX_BATCHES_PER_RUN = 10;

    /**
     * How much longer than a webhook's connect and read timeouts its lease lasts: the time to sign, to
     * wait out the acknowledgement hold and to record the outcome.
     */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(15);

    /**
     * The lease of a notification, whose sender has timeouts of its own: longer than any of theirs
     * (mail waits up to 10 s for a connection and 30 s for each answer).
     */
    static final Duration NOTIFICATION_LEASE = Duration.ofMinutes(2);

    /** How long a stopping instance lets the sends in flight finish before it interrupts them. */
    static final Duration SENDS_AT_STOP = Duration.ofSeconds(5);

    private final DueDeliveries deliveries;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final SendsInFlight inFlight = new SendsInFlight();
    /** The claims of the sends in flight, by delivery id: what a stop gives back if they are still running. */
    private final Map<String, DueDeliveries.Due> claims = new ConcurrentHashMap<>();

    private final Turns turns = new Turns();
    private final ServerPauses pauses;
    private final NotificationAttempts notifications;
    private final NotificationFence fence;
    private final DeliveryWakes wakes;
    private final DestinationRests rests;
    private final DeliveryAttempts attempts;

    public DeliveryDispatcher(
            DueDeliveries deliveries,
            WebhookProperties properties,
            Clock clock,
            NotificationAttempts notifications,
            NotificationFence fence,
            ServerPauses pauses,
            DeliveryWakes wakes,
            DestinationRests rests,
            DeliveryAttempts attempts) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
        this.notifications = notifications;
        this.fence = fence;
        this.pauses = pauses;
        this.wakes = wakes;
        this.rests = rests;
        this.attempts = attempts;
    }

    /**
     * Starts the sends of the channel's deliveries due now, as many as it has free sender threads,
     * unless the channel is paused, and returns how many it started without waiting for any. Webhooks
     * are never paused as a channel, but each endpoint is, as is each destination of a channel whose
     * sender names them (a chat channel); a destination with a send in flight is left out until it ends.
     */
    public int deliverDue(String channel) throws InterruptedException {
        ServerPause pause = pauses.of(channel);
        boolean webhooks = Delivery.WEBHOOK.equals(channel);
        Optional<NotificationSender> channelSender = webhooks ? Optional.empty() : notifications.senderOf(channel);
        int started = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            Instant now = clock.instant();
            int free = properties.threads() - inFlight.count(channel);
            // after a pause, one delivery finds out whether the server answers again, not a whole batch
            boolean probing = pause.probing(now);
            if (!pause.allows(now) || free <= 0 || (probing && inFlight.count(channel) > 0)) {
                break;
            }
            int limit = probing ? 1 : properties.batchSize();
            // a chat destination's rest on its row, which no read of deliveries can join, rests it here too
            Map<String, DestinationRests.Read> rested =
                    webhooks ? Map.of() : rests.mirror(pauses, channel, inFlight.busyDestinations(channel), now);
            List<DueDeliveries.Due> due = webhooks ? dueOnWebhooks(now, limit) : dueOnChannel(channel, now, limit);
            if (!due.isEmpty()) {
                // a delivery may have committed a moment ago: what it tells of (a revoke) must already be
                // what every instance's access checks answer (docs/adr/0029)
                fence.waitOutHold();
            }
            int startedNow = 0;
            int setAside = 0;
            for (DueDeliveries.Due d : due) {
                if (startedNow >= free) {
                    break;
                }
                String destination = d.isWebhook() ? d.webhookId() : notifications.destinationOf(d, channelSender);
                if (destination != null && !pauses.allows(channel, destination, now)) {
                    if (pauses.hold(channel, destination, d.id())) {
                        setAside++;
                    }
                } else if (!inFlight.start(channel, d.id(), destination)) {
                    // its destination takes one send at a time; a resting one's probe is that one send
                    if (destination != null && !webhooks && inFlight.behind(channel, destination, d.id())) {
                        setAside++;
                    }
                } else {
                    if (webhooks) {
                        turns.take(channel, destination);
                    } else if (destination != null) {
                        turns.take(channel, d.turn());
                    }
                    DueDeliveries.Due read = destination == null || webhooks
                            ? d
                            : d.restedAs(rested.getOrDefault(destination, DestinationRests.Read.NONE));
                    if (claimAndSend(read, destination, now)) {
                        startedNow++;
                    }
                }
            }
            started += startedNow;
            // what was set aside is left out of the next read, which may find other destinations' behind it
            if (due.size() < limit || startedNow + setAside == 0) {
                break;
            }
        }
        return started;
    }

    /**
     * The webhook deliveries due, leaving out the endpoints that rest, have a send in flight or have
     * had their turn in this round; when only those have deliveries due, a new round begins.
     */
    private List<DueDeliveries.Due> dueOnWebhooks(Instant now, int limit) {
        String channel = Delivery.WEBHOOK;
        Set<String> unavailable = union(rests.restingHere(pauses, now), inFlight.busyDestinations(channel));
        Set<String> taken = turns.taken(channel);
        List<DueDeliveries.Due> due = deliveries.dueOnWebhooks(now, limit, union(unavailable, taken));
        if (due.isEmpty() && !taken.isEmpty()) {
            turns.newRound(channel);
            due = deliveries.dueOnWebhooks(now, limit, unavailable);
        }
        return due;
    }

    /**
     * A notification channel's deliveries due, leaving out, as {@link #dueOnWebhooks} does, those of the
     * destinations that rest, have a send in flight or have had their turn in this round. A chat
     * destination is what the sender makes of a delivery, which no query can read; its route, written
     * when it was queued, names it instead. A delivery without a route (a person's own subscription, or
     * one queued before routes were kept) is left out by its id once it has been read and held on its
     * resting destination or set behind a send in flight. A channel with one server (mail) takes no
     * turns and has no destinations to leave out.
     */
    private List<DueDeliveries.Due> dueOnChannel(String channel, Instant now, int limit) {
        Set<String> setAside = union(pauses.held(channel, now), inFlight.excluded(channel));
        Set<String> unavailable = union(pauses.resting(channel, now), inFlight.busyDestinations(channel));
        Set<String> taken = turns.taken(channel);
        List<DueDeliveries.Due> due = deliveries.dueOn(channel, now, limit, setAside, union(unavailable, taken));
        if (due.isEmpty() && !taken.isEmpty()) {
            turns.newRound(channel);
            due = deliveries.dueOn(channel, now, limit, setAside, unavailable);
        }
        return due;
    }

    /** How many sends this instance has in flight, on every channel. */
    public int sendsInFlight() {
        return inFlight.count();
    }

    private static Set<String> union(Set<String> some, Set<String> others) {
        if (others.isEmpty()) {
            return some;
        }
        Set<String> all = new HashSet<>(some);
        all.addAll(others);
        return all;
    }

    /** Claims a registered delivery and hands its send over; false, unregistering it, when that fails. */
    private boolean claimAndSend(DueDeliveries.Due due, String destination, Instant now) {
        Optional<DueDeliveries.Due> claimed;
        try {
            claimed = deliveries.claim(due, now, now.plus(leaseOf(due.channel())));
        } catch (RuntimeException e) {
            inFlight.end(due.channel(), due.id(), destination);
            throw e;
        }
        if (claimed.isPresent() && !rests.claimProbeOf(claimed.get(), destination)) {
            // another run's probe beat it: it is given back, due as it was
            attempts.release(claimed.get());
        } else if (claimed.isPresent()) {
            claims.put(due.id(), claimed.get());
            try {
                lane(due.channel()).execute(() -> send(claimed.get(), destination));
                return true;
            } catch (RejectedExecutionException stopping) {
                claims.remove(due.id());
                attempts.release(claimed.get());
            }
        }
        // claimed by another instance's run a moment ago, given back, or not sent as the instance stops
        inFlight.end(due.channel(), due.id(), destination);
        return false;
    }

    private Duration leaseOf(String channel) {
        return Delivery.WEBHOOK.equals(channel)
                ? properties.connectTimeout().plus(properties.readTimeout()).plus(LEASE_MARGIN)
                : NOTIFICATION_LEASE;
    }

    /**
     * A send on a sender thread, followed by the webhook endpoint's next deliveries while it accepts
     * them and the channel has a thread free for any other endpoint ({@link EndpointBacklog}); once
     * it ends, the channel looks again for what waited behind it.
     */
    private void send(DueDeliveries.Due claimed, String destination) {
        String channel = claimed.channel();
        DueDeliveries.Due sending = claimed;
        try {
            EndpointBacklog backlog = null;
            while (attempts.attemptUnlessResting(sending, destination) && followsOn(channel)) {
                if (backlog == null) {
                    backlog = new EndpointBacklog(deliveries, fence, clock, destination, leaseOf(channel));
                }
                Optional<DueDeliveries.Due> next = backlog.claimNext();
                if (next.isEmpty()) {
                    break;
                }
                inFlight.next(channel, sending.id(), next.get().id());
                claims.remove(sending.id());
                sending = next.get();
                claims.put(sending.id(), sending);
            }
        } finally {
            claims.remove(sending.id());
            inFlight.end(channel, sending.id(), destination);
            wakes.afterCommit(channel);
        }
    }

    /** Whether a sender that delivered to a webhook endpoint sends it the next: no other endpoint waits for it. */
    private boolean followsOn(String channel) {
        return Delivery.WEBHOOK.equals(channel)
                && !lane(channel).isShutdown()
                && inFlight.count(channel) < properties.threads();
    }

    private ExecutorService lane(String channel) {
        return lanes.computeIfAbsent(channel, c -> {
            AtomicInteger counter = new AtomicInteger();
            return Executors.newFixedThreadPool(properties.threads(), task -> {
                Thread thread = new Thread(
                        task, "delivery-sender-" + c.toLowerCase(Locale.ROOT) + "-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        });
    }

    /**
     * Lets the sends in flight finish for up to {@link #SENDS_AT_STOP}, then interrupts them and gives
     * their deliveries back, which another instance (or this one after a restart) then sends. They are
     * given back here rather than left to the sends: one blocked reading a server's answer (mail, a
     * webhook) is deaf to the interrupt and would hold its delivery until its lease ran out. A delivery
     * that cannot be given back is left to its lease.
     */
    @Override
    public void destroy() throws InterruptedException {
        lanes.values().forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + SENDS_AT_STOP.toNanos();
        for (ExecutorService lane : lanes.values()) {
            lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        lanes.values().forEach(ExecutorService::shutdownNow);
        // a send that recorded its attempt meanwhile keeps it: giving back asks for the claim as it was
        claims.values().forEach(attempts::release);
    }
}
