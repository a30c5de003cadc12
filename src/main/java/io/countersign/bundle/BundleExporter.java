package io.countersign.bundle;

import io.countersign.directory.Group;
import io.countersign.directory.GroupInput;
import io.countersign.directory.Groups;
import io.countersign.directory.Levels;
import io.countersign.directory.User;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.inventory.Resource;
import io.countersign.inventory.ResourceInput;
import io.countersign.inventory.Resources;
import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
import io.countersign.shared.Actor;
import io.countersign.shared.ForbiddenException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The whole configuration as the bundle an import reads: levels, users, groups, resources with their
 * accounts, and policies. It carries no secret: passwords, password hashes, API tokens, webhook and
 * mail settings live elsewhere and are never part of a bundle. Every list is in a fixed order (by
 * name, members and accounts sorted) so that two exports of the same state are byte for byte equal
 * and a diff between two exports shows only what changed.
 */
@Service
public class BundleExporter {

    private final Levels levels;
    private final Users users;
    private final Groups groups;
    private final Resources resources;
    private final Policies policies;

    BundleExporter(Levels levels, Users users, Groups groups, Resources resources, Policies policies) {
        this.levels = levels;
        this.users = users;
        this.groups = groups;
        this.resources = resources;
        this.policies = policies;
    }

    /** The configuration for an administrator to keep, review or import elsewhere. */
    @Transactional(readOnly = true)
    public Bundle export(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only an administrator may export the configuration.");
        }
        return snapshot();
    }

    /** The configuration as this transaction sees it; callers check who may see it. */
    Bundle snapshot() {
        return new Bundle(
                List.copyOf(levels.list()),
                users.list().stream()
                        .sorted(Comparator.comparing(User::username))
                        .map(user -> new UserInput(
                                user.username(),
                                user.email(),
                                user.displayName(),
                                user.level(),
                                user.manager(),
                                user.role(),
                                user.active()))
                        .toList(),
                groups.list().stream()
                        .sorted(Comparator.comparing(Group::name))
                        .map(group -> new GroupInput(group.name(), sorted(group.members()), sorted(group.managers())))
                        .toList(),
                resources.list().stream()
                        .sorted(Comparator.comparing(Resource::name))
                        .map(resource -> new ResourceInput(
                                resource.name(),
                                resource.type(),
                                sorted(resource.groups()),
                                new TreeMap<>(resource.labels()),
                                sorted(resource.owners()),
                                sorted(resource.accounts())))
                        .toList(),
                policies.list().stream()
                        .sorted(Comparator.comparing(PolicyDefinition::name))
                        .toList());
    }

    private static List<String> sorted(Collection<String> names) {
        return names.stream().sorted().toList();
    }
}
