package io.countersign.policy.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.inventory.Resource;
import io.countersign.policy.ApproverSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns approver selectors into the active users they name, for one requester and one resource. */
final class SelectorResolver {

    private final Directory directory;
    private final User requester;
    private final Set<String> requesterGroups;
    private final Resource resource;
    private final Map<String, Boolean> activeCache = new HashMap<>();

    SelectorResolver(Directory directory, User requester, Set<String> requesterGroups, Resource resource) {
        this.directory = directory;
        this.requester = requester;
        this.requesterGroups = requesterGroups;
        this.resource = resource;
    }

    /** Every active user the selectors name, the requester included when named; sorted. */
    TreeSet<String> activeUsers(List<ApproverSelector> selectors) {
        TreeSet<String> users = new TreeSet<>();
        for (ApproverSelector selector : selectors) {
            if (selector.minLevel() != null) {
                // the directory answers this one with active users only; no need to look each one up
                users.addAll(directory.activeUsersAtOrAbove(selector.minLevel()));
                continue;
            }
            for (String username : named(selector)) {
                if (isActive(username)) {
                    users.add(username);
                }
            }
        }
        return users;
    }

    private Set<String> named(ApproverSelector s) {
        if (s.user() != null) {
            return Set.of(s.user());
        }
        if (s.group() != null) {
            return directory.membersOf(s.group());
        }
        if (Boolean.TRUE.equals(s.requesterManager())) {
            return requester.manager() == null ? Set.of() : Set.of(requester.manager());
        }
        if (Boolean.TRUE.equals(s.requesterGroupManagers())) {
            return managersOf(requesterGroups);
        }
        if (Boolean.TRUE.equals(s.resourceGroupManagers())) {
            return managersOf(resource.groups());
        }
        if (Boolean.TRUE.equals(s.resourceOwners())) {
            return resource.owners();
        }
        return Set.of();
    }

    private Set<String> managersOf(Set<String> groups) {
        Set<String> managers = new TreeSet<>();
        for (String group : groups) {
            if (directory.groupExists(group)) {
                managers.addAll(directory.managersOf(group));
            }
        }
        return managers;
    }

    private boolean isActive(String username) {
        return activeCache.computeIfAbsent(
                username, name -> directory.findUser(name).map(User::active).orElse(false));
    }
}
