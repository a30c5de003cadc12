package io.countersign.policy.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.shared.Role;
import io.countersign.shared.database.Pipelined;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** An in-memory {@link Directory} for framework-free tests, filled through its fluent methods. */
public final class TestDirectory implements Directory {

    private final List<String> levels = new ArrayList<>();
    private final Map<String, User> users = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, Set<String>> managers = new HashMap<>();

    public TestDirectory levels(String... lowestFirst) {
        levels.clear();
        levels.addAll(List.of(lowestFirst));
        return this;
    }

    public TestDirectory user(String username) {
        return user(username, null, null);
    }

    public TestDirectory user(String username, String level, String manager) {
        users.put(username, new User(username, username + "@example.com", username, level, manager, Role.USER, true));
        return this;
    }

    public TestDirectory inactive(String username) {
        User u = users.get(username);
        users.put(
                username, new User(u.username(), u.email(), u.displayName(), u.level(), u.manager(), u.role(), false));
        return this;
    }

    /** A group; members and managers that are not users yet become users without level or manager. */
    public TestDirectory group(String name, Set<String> groupMembers, Set<String> groupManagers) {
        members.put(name, new LinkedHashSet<>(groupMembers));
        managers.put(name, new LinkedHashSet<>(groupManagers));
        groupMembers.forEach(u -> users.computeIfAbsent(u, ignored -> newUser(u)));
        groupManagers.forEach(u -> users.computeIfAbsent(u, ignored -> newUser(u)));
        return this;
    }

    public TestDirectory group(String name, String... groupMembers) {
        return group(name, Set.of(groupMembers), Set.of());
    }

    @Override
    public Optional<User> findUser(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public Set<String> groupsOf(String username) {
        Set<String> groups = new TreeSet<>();
        members.forEach((group, who) -> {
            if (who.contains(username)) {
                groups.add(group);
            }
        });
        return groups;
    }

    @Override
    public boolean groupExists(String group) {
        return members.containsKey(group);
    }

    @Override
    public Optional<String> idOf(String username) {
        return users.containsKey(username) ? Optional.of("usr-" + username) : Optional.empty();
    }

    @Override
    public Optional<User> findUserById(String userId) {
        return userId != null && userId.startsWith("usr-") ? findUser(userId.substring(4)) : Optional.empty();
    }

    @Override
    public List<User> activeUsersWithEmail(String address) {
        return users.values().stream()
                .filter(u -> u.active() && u.email().equalsIgnoreCase(address))
                .toList();
    }

    @Override
    public boolean lockActive(String userId) {
        return users.values().stream().anyMatch(u -> userId.equals("usr-" + u.username()) && u.active());
    }

    @Override
    public Pipelined<Boolean> activeLock(String userId) {
        return Pipelined.answered(lockActive(userId));
    }

    /** Gives a user another tool role. */
    public TestDirectory role(String username, Role role) {
        User u = users.get(username);
        users.put(
                username, new User(u.username(), u.email(), u.displayName(), u.level(), u.manager(), role, u.active()));
        return this;
    }

    @Override
    public Optional<String> lockActiveNamed(String username) {
        return idOf(username).filter(this::lockActive);
    }

    @Override
    public Map<String, User> lockUsers(Collection<String> usernames) {
        return findUsers(usernames);
    }

    @Override
    public Optional<String> lockActiveNamedAlone(String username) {
        return lockActiveNamed(username);
    }

    @Override
    public Pipelined<Optional<String>> activeNamedAloneLock(String username) {
        return activeNamedLock(username);
    }

    @Override
    public Pipelined<Optional<String>> activeNamedLock(String username) {
        return Pipelined.answered(lockActiveNamed(username));
    }

    @Override
    public Map<String, String> idsOf(Collection<String> usernames) {
        Map<String, String> ids = new HashMap<>();
        usernames.forEach(name -> idOf(name).ifPresent(id -> ids.put(name, id)));
        return ids;
    }

    @Override
    public Set<String> membersOf(String group) {
        return members.getOrDefault(group, Set.of());
    }

    @Override
    public Set<String> managersOf(String group) {
        return managers.getOrDefault(group, Set.of());
    }

    @Override
    public Set<String> approversAtOrAbove(String level) {
        int wanted = levels.indexOf(level);
        Set<String> found = new TreeSet<>();
        if (wanted < 0) {
            return found;
        }
        for (User u : users.values()) {
            if (SelectorResolver.canApprove(u) && u.level() != null && levels.indexOf(u.level()) >= wanted) {
                found.add(u.username());
            }
        }
        return found;
    }

    @Override
    public OptionalInt rankOf(String level) {
        int rank = levels.indexOf(level);
        return rank < 0 ? OptionalInt.empty() : OptionalInt.of(rank);
    }

    @Override
    public List<String> levels() {
        return List.copyOf(levels);
    }

    private static User newUser(String username) {
        return new User(username, username + "@example.com", username, null, null, Role.USER, true);
    }
}
