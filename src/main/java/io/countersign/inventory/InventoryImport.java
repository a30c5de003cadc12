package io.countersign.inventory;

import io.countersign.directory.DirectoryPlan;
import io.countersign.directory.Upserted;
import io.countersign.shared.Actor;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Creates or replaces resources in bulk, for imports: {@link #prepare} checks them against the
 * directory as the same import leaves it, {@link #apply} writes them with a few batched statements.
 */
@Service
public class InventoryImport {

    private final ResourceStore store;
    private final ApplicationEventPublisher events;

    InventoryImport(ResourceStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /** Records every issue with its path ({@code resources[4].groups[0]}); reads only. */
    public InventoryPlan prepare(List<ResourceInput> input, DirectoryPlan directory, Problems problems) {
        Map<String, Resource> before = new HashMap<>();
        store.all().forEach(resource -> before.put(resource.name(), resource));
        Set<String> after = new HashSet<>(before.keySet());
        Map<String, Integer> firstIndex = new HashMap<>();
        List<Resource> created = new ArrayList<>();
        List<Resource> updated = new ArrayList<>();
        int unchanged = 0;
        List<ResourceInput> entries = input == null ? List.of() : input;
        for (int i = 0; i < entries.size(); i++) {
            String prefix = "resources[" + i + "]";
            ResourceInput entry = entries.get(i);
            if (entry == null) {
                problems.add(prefix, "required", "must be a resource");
                continue;
            }
            ResourceRules.check(problems, prefix + ".", entry, directory::isUser, directory::isGroup);
            Resource resource = ResourceRules.normalize(entry);
            if (!Names.isValid(resource.name())) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(resource.name(), i);
            if (earlier != null) {
                problems.add(
                        prefix + ".name",
                        "duplicate",
                        "'" + resource.name() + "' is already defined at resources[" + earlier + "]");
                continue;
            }
            after.add(resource.name());
            Resource previous = before.get(resource.name());
            if (previous == null) {
                created.add(resource);
            } else if (previous.equals(resource)) {
                unchanged++;
            } else {
                updated.add(resource);
            }
        }
        return new InventoryPlan(created, updated, before, unchanged, after);
    }

    /**
     * Locks the rows of the existing resources the input names, in name order. Called before the
     * import reads or writes anything else: what {@link #prepare} then reads of them cannot change
     * before they are written, and locks are taken resource first, then user, then request (an
     * import that also deactivates a user would otherwise hold that user's requests while waiting
     * for a resource that a decision on one of them holds).
     */
    public void lock(List<ResourceInput> input) {
        if (input == null) {
            return;
        }
        store.lockExclusive(input.stream()
                .filter(entry -> entry != null && entry.name() != null)
                .map(entry -> Names.canonical(entry.name()))
                .filter(Names::isValid)
                .toList());
    }

    /**
     * Writes a plan that {@link #prepare} found free of problems, in the caller's transaction. The
     * entries are audited as the import, not one by one; only a removed account is published, so that
     * access to it ends as it does when one resource is replaced.
     */
    public Upserted apply(Actor actor, InventoryPlan plan) {
        store.insert(plan.created);
        store.update(plan.updated);
        for (Resource after : plan.updated) {
            Resource before = plan.before.get(after.name());
            if (ResourceAccountsRemoved.removes(before, after)) {
                events.publishEvent(new ResourceAccountsRemoved(actor, after.name(), after.accounts()));
            }
        }
        return new Upserted(
                plan.created.stream().map(Resource::name).toList(),
                plan.updated.stream()
                        .map(after -> ResourceUpdated.changes(plan.before.get(after.name()), after)
                                .of(after.name()))
                        .toList(),
                plan.unchanged);
    }
}
