package io.countersign.inventory;

import io.countersign.shared.database.Pipeline;
import io.countersign.shared.database.Pipelined;
import java.util.Optional;

/** Read access to resources for the other modules. */
public interface Inventory {

    Optional<Resource> findResource(String name);

    /**
     * Holds off the resource's deletion and replacement until the transaction ends. A request is
     * created or decided under this lock, so a deletion or a removed account either commits first
     * (and the request is refused) or waits and then finds the request and its grant to end. Locks
     * are taken in the order resource, user, request, grant, audit chain head (see docs/adr/0008).
     * It tells nothing about the resource: read it after the lock ({@link #resourceRead}).
     */
    void lockResource(String name);

    /** {@link #lockResource} as a statement to run in a {@link Pipeline} with others. */
    Pipelined<?> resourceLock(String name);

    /**
     * {@link #findResource} as a query to run in a {@link Pipeline}: after the {@link #resourceLock}
     * of the same resource, it reads the resource as the lock keeps it until the transaction ends.
     */
    Pipelined<Optional<Resource>> resourceRead(String name);
}
