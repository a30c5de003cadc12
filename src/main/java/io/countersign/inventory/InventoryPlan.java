package io.countersign.inventory;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What an import will change in the inventory, checked but not yet written. */
public final class InventoryPlan {

    final List<Resource> created;
    final List<Resource> updated;
    /** Every resource as it was before the import, by name. */
    final Map<String, Resource> before;

    final int unchanged;
    private final Set<String> resourcesAfter;

    InventoryPlan(
            List<Resource> created,
            List<Resource> updated,
            Map<String, Resource> before,
            int unchanged,
            Set<String> resourcesAfter) {
        this.created = created;
        this.updated = updated;
        this.before = before;
        this.unchanged = unchanged;
        this.resourcesAfter = resourcesAfter;
    }

    /** Whether the resource exists once the import is applied. */
    public boolean isResource(String name) {
        return resourcesAfter.contains(name);
    }
}
