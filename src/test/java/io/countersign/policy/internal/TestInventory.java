package io.countersign.policy.internal;

import io.countersign.inventory.Inventory;
import io.countersign.inventory.Resource;
import io.countersign.shared.database.Pipelined;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory {@link Inventory} for framework-free tests. */
public final class TestInventory implements Inventory {

    private final Map<String, Resource> resources = new HashMap<>();

    public TestInventory resource(String name, String... accounts) {
        return add(new Resource(name, "database", Set.of(), Map.of(), Set.of(), Set.of(accounts)));
    }

    public TestInventory add(Resource resource) {
        resources.put(resource.name(), resource);
        return this;
    }

    @Override
    public Optional<Resource> findResource(String name) {
        return Optional.ofNullable(resources.get(name));
    }

    /** Nothing to lock in memory. */
    @Override
    public void lockResource(String name) {}

    @Override
    public Pipelined<?> resourceLock(String name) {
        return Pipelined.answered(null);
    }

    @Override
    public Pipelined<Optional<Resource>> resourceRead(String name) {
        return Pipelined.answered(findResource(name));
    }
}
