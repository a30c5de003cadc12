package io.countersign.notify;

import java.util.List;

/** Newest deliveries first; pass {@code nextCursor} back to read on, null when there is no more. */
public record DeliveryPage(List<Delivery> items, String nextCursor) {

    public DeliveryPage {
        items = List.copyOf(items);
    }
}
