package io.countersign.inventory;

import io.countersign.shared.database.Pipeline;
import io.countersign.shared.database.Pipelined;
import java.util.Optional;

/** Read access to resources for the other modules. */
public interface Inventory {

    Optional<Resource> findResource(String name);

    /**
     * Locks the resource's row against deletion and replacement until the transaction ends, and
     * tells whether it exists. A request is created or decided under this lock, so a deletion or a
     * removed account either commits first (and the request is refused) or waits and then finds the
     * request and its grant to end. Locks are taken in the order resource, user, request, grant,
     * audit chain head (see docs/adr/0008).
     */
    boolean lockResource(String name);

    /** {@link #lockResource} as a query to run in a {@link Pipeline} with others: true when it exists. */
    Pipelined<Boolean> resourceLock(String name);

    /**
     * {@link #findResource} as a query to run in a {@link Pipeline}: after the {@link #resourceLock}
     * of the same resource, it reads the resource as the lock keeps it until the transaction ends.
     */
    Pipelined<Optional<Resource>> resourceRead(String name);
}
