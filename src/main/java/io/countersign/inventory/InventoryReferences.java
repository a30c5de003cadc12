package io.countersign.inventory;

import io.countersign.directory.DirectoryReferences;
import java.util.List;
import org.springframework.stereotype.Component;

/** Keeps resources whole when the directory changes: linked groups stay, deleted owners go. */
@Component
class InventoryReferences implements DirectoryReferences {

    private final ResourceStore store;

    InventoryReferences(ResourceStore store) {
        this.store = store;
    }

    @Override
    public List<String> usesOfGroup(String group) {
        return store.linkedTo(group).stream().map(name -> "resource:" + name).toList();
    }

    @Override
    public void forgetUser(String username) {
        store.removeOwner(username);
    }
}
