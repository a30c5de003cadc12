package io.countersign.audit;

import java.util.List;

/** One page of events, newest first; {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditRecord> items, String nextCursor) {

    public AuditPage {
        items = List.copyOf(items);
    }
}
