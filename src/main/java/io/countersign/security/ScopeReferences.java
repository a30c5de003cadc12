package io.countersign.security;

import io.countersign.directory.DirectoryReferences;
import java.util.List;
import org.springframework.stereotype.Component;

/** Keeps a group that an enforcer scope names from being deleted, as a resource linked to it does. */
@Component
class ScopeReferences implements DirectoryReferences {

    private final ScopeStore store;

    ScopeReferences(ScopeStore store) {
        this.store = store;
    }

    @Override
    public List<String> usesOfGroup(String group) {
        return store.usersOfGroup(group).stream()
                .map(user -> "the scope of enforcer " + user)
                .toList();
    }
}
