package io.countersign.policy.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.inventory.Resource;
import io.countersign.policy.ApproverSelector;
import java.util.ArrayList;
import java.util.Collection;
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
    private final Map<ApproverSelector, Set<String>> namedCache = new HashMap<>();

    SelectorResolver(Directory directory, User requester, Set<String> requesterGroups, Resource resource) {
        this.directory = directory;
        this.requester = requester;
        this.requesterGroups = requesterGroups;
        this.resource = resource;
    }

    /** Every user the selectors name who can approve, the requester included when named; sorted. */
    TreeSet<String> approvers(List<ApproverSelector> selectors) {
        TreeSet<String> users = new TreeSet<>();
        Map<ApproverSelector, Set<String>> named = new HashMap<>();
        for (ApproverSelector selector : selectors) {
            if (selector.minLevel() != null) {
                // the directory answers this one with approvers only; no need to look each one up
                users.addAll(directory.approversAtOrAbove(selector.minLevel()));
            } else {
                named.put(selector, namedCache.computeIfAbsent(selector, this::named));
            }
        }
        lookUp(named.values());
        named.values().forEach(names -> names.stream().filter(this::canApprove).forEach(users::add));
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

    /**
     * Reads every user the selectors name in one query, so that resolving them step by step
     * afterwards reads nothing more about them.
     */
    void lookUpAll(List<List<ApproverSelector>> selectorLists) {
        List<Set<String>> named = new ArrayList<>();
        for (List<ApproverSelector> selectors : selectorLists) {
            for (ApproverSelector selector : selectors) {
                if (selector.minLevel() == null) {
                    named.add(namedCache.computeIfAbsent(selector, this::named));
                }
            }
        }
        lookUp(named);
    }

    /** Reads every named user not yet known in one query, rather than one query each. */
    private void lookUp(Collection<Set<String>> named) {
        Set<String> unknown = new TreeSet<>();
        named.forEach(names ->
                names.stream().filter(name -> !approverCache.containsKey(name)).forEach(unknown::add));
        if (!unknown.isEmpty()) {
            Map<String, User> found = directory.findUsers(unknown);
            unknown.forEach(name -> approverCache.put(name, found.containsKey(name) && canApprove(found.get(name))));
        }
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
        return user.active() && user.role().approves();
    }
}
