package io.countersign.policy.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.inventory.Resource;
import io.countersign.policy.ApproverSelector;
import io.countersign.shared.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns approver selectors into the people they name who can approve, for one requester and one
 * resource: active users with tool role USER or ADMIN. Auditors read and enforcement points check;
 * neither decides, so neither is ever an eligible approver. The planner at request creation, its
 * feasibility check and explain all resolve through here, so they always agree.
 */
final class SelectorResolver {

    private final Directory directory;
    private final User requester;
    private final Set<String> requesterGroups;
    private final Resource resource;
    private final Map<String, Boolean> approverCache = new HashMap<>();

    SelectorResolver(Directory directory, User requester, Set<String> requesterGroups, Resource resource) {
        this.directory = directory;
        this.requester = requester;
        this.requesterGroups = requesterGroups;
        this.resource = resource;
    }

    /** Every user the selectors name who can approve, the requester included when named; sorted. */
    TreeSet<String> approvers(List<ApproverSelector> selectors) {
        TreeSet<String> users = new TreeSet<>();
        for (ApproverSelector selector : selectors) {
            if (selector.minLevel() != null) {
                // the directory answers this one with approvers only; no need to look each one up
                users.addAll(directory.approversAtOrAbove(selector.minLevel()));
                continue;
            }
            for (String username : named(selector)) {
                if (canApprove(username)) {
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

    private boolean canApprove(String username) {
        return approverCache.computeIfAbsent(
                username,
                name -> directory
                        .findUser(name)
                        .map(SelectorResolver::canApprove)
                        .orElse(false));
    }

    static boolean canApprove(User user) {
        return user.active() && (user.role() == Role.USER || user.role() == Role.ADMIN);
    }
}
