package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.notify.DeliveryPage;
import io.countersign.notify.DeliveryState;
import io.countersign.shared.ConflictException;
import io.countersign.shared.Cursors;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * What the webhook and the notification delivery lists share: pages newest first with a cursor, and
 * sending a dead letter again. The callers check who may do it and which deliveries are theirs.
 */
@Component
public class DeliveryLists {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final DeliveryStore deliveries;
    private final Clock clock;

    public DeliveryLists(DeliveryStore deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Checks the paging parameters, reporting every issue at once together with the caller's. */
    public Page checkPage(Problems problems, String list, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        problems.check(size >= 1 && size <= MAX_LIMIT, "limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
        return new Page(list, parseCursor(problems, list, cursor), size);
    }

    /**
     * A checked page request of one list (a webhook's deliveries, or the notification deliveries):
     * continue before {@code beforeSeq} (null for the first page).
     */
    public record Page(String list, Long beforeSeq, int size) {}

    public DeliveryPage page(DeliveryFilter filter, Page page) {
        List<DeliveryStore.Stored> rows = deliveries.page(filter, page.beforeSeq(), page.size() + 1);
        boolean more = rows.size() > page.size();
        List<DeliveryStore.Stored> shown = more ? rows.subList(0, page.size()) : rows;
        String next = more
                ? Cursors.seal(
                        page.list(), Long.toString(shown.get(shown.size() - 1).seq()))
                : null;
        return new DeliveryPage(
                shown.stream().map(DeliveryStore.Stored::delivery).toList(), next);
    }

    /** The delivery, if it is one of the kind the caller lists; otherwise as if it did not exist. */
    public Delivery get(String deliveryId, Predicate<Delivery> listed) {
        return deliveries
                .find(deliveryId)
                .map(DeliveryStore.Stored::delivery)
                .filter(listed)
                .orElseThrow(() -> new NotFoundException("delivery", deliveryId));
    }

    /**
     * Queues a dead letter again, due now and with a fresh round of retries; the event id and body
     * are the original ones. Refused unless the delivery is dead. Runs in the caller's transaction.
     */
    public Delivery revive(String deliveryId, Predicate<Delivery> listed) {
        Delivery dead = get(deliveryId, listed);
        DeliveryState state =
                deliveries.lockState(deliveryId).orElseThrow(() -> new NotFoundException("delivery", deliveryId));
        if (state != DeliveryState.DEAD) {
            String why =
                    state == DeliveryState.SKIPPED && dead.lastError() != null ? " (" + dead.lastError() + ")" : "";
            throw new ConflictException(
                    "Delivery '" + deliveryId + "' is " + state + why + "; only dead deliveries can be sent again.");
        }
        deliveries.revive(deliveryId, dead.channel(), clock.instant());
        return get(deliveryId, listed);
    }

    private static Long parseCursor(Problems problems, String list, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(Cursors.open(list, cursor).orElse(""));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("cursor", "invalid_cursor", "is not a cursor this list returned");
        return null;
    }
}
