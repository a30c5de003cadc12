package io.countersign.inventory;

import io.countersign.shared.Names;
import io.countersign.shared.database.Pipeline;
import io.countersign.shared.database.Pipelined;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link Inventory} on the inventory tables: one resource is one round trip to the database. */
@Component
class JdbcInventory implements Inventory {

    private final ResourceStore store;
    private final Pipeline pipeline;

    JdbcInventory(ResourceStore store, Pipeline pipeline) {
        this.store = store;
        this.pipeline = pipeline;
    }

    @Override
    public Optional<Resource> findResource(String name) {
        return name == null ? Optional.empty() : store.find(Names.canonical(name));
    }

    @Override
    public void lockResource(String name) {
        pipeline.one(resourceLock(name));
    }

    @Override
    public Pipelined<?> resourceLock(String name) {
        return name == null ? Pipelined.answered(null) : store.sharedLock(Names.canonical(name));
    }

    @Override
    public Pipelined<Optional<Resource>> resourceRead(String name) {
        return name == null ? Pipelined.answered(Optional.empty()) : store.read(Names.canonical(name));
    }
}
