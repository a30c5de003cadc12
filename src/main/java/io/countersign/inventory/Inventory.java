package io.countersign.inventory;

import java.util.Optional;

/** Read access to resources for the other modules. */
public interface Inventory {

    Optional<Resource> findResource(String name);
}
