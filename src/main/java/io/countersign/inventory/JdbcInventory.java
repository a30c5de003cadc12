package io.countersign.inventory;

import io.countersign.shared.Names;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link Inventory} on the inventory tables: one resource is one round trip to the database. */
@Component
class JdbcInventory implements Inventory {

    private final ResourceStore store;

    JdbcInventory(ResourceStore store) {
        this.store = store;
    }

    @Override
    public Optional<Resource> findResource(String name) {
        return name == null ? Optional.empty() : store.find(Names.canonical(name));
    }

    @Override
    public boolean lockResource(String name) {
        return name != null && store.lockShared(Names.canonical(name));
    }
}
