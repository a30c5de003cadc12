package io.countersign.audit;

import java.util.List;

/** One page of checkpoints, newest first; {@code nextCursor} is null on the last page. */
public record CheckpointPage(List<AuditCheckpoint> items, String nextCursor) {

    public CheckpointPage {
        items = List.copyOf(items);
    }
}
