package io.countersign.web.api;

import io.countersign.notify.DeliveryPage;
import java.util.List;

/** A page of deliveries, newest first; {@code nextCursor} is null on the last page. */
record DeliveryPageResponse(List<DeliveryResponse> items, String nextCursor) {

    static DeliveryPageResponse of(DeliveryPage page) {
        return new DeliveryPageResponse(
                page.items().stream().map(DeliveryResponse::of).toList(), page.nextCursor());
    }
}
