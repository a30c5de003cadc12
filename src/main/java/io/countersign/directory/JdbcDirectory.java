package io.countersign.directory;

import io.countersign.shared.Names;
import io.countersign.shared.database.Pipelined;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link Directory} on the directory tables; each answer is one indexed query, and a user looked up
 * by name is read once per transaction.
 */
@Component
class JdbcDirectory implements Directory {

    private final JdbcClient jdbc;
    private final UserStore users;
    private final UserLocks locks;
    private final GroupStore groups;

    JdbcDirectory(JdbcClient jdbc, UserStore users, UserLocks locks, GroupStore groups) {
        this.jdbc = jdbc;
        this.users = users;
        this.locks = locks;
        this.groups = groups;
    }

    @Override
    public Optional<User> findUser(String username) {
        return username == null ? Optional.empty() : users.find(Names.canonical(username));
    }

    @Override
    public Optional<String> idOf(String username) {
        return username == null ? Optional.empty() : users.idOf(Names.canonical(username));
    }

    @Override
    public Optional<User> findUserById(String userId) {
        return userId == null ? Optional.empty() : users.findById(userId);
    }

    @Override
    public List<User> activeUsersWithEmail(String address) {
        return address == null || address.isBlank() ? List.of() : users.activeWithEmail(address.trim());
    }

    @Override
    public boolean lockActive(String userId) {
        return locks.lockActive(userId);
    }

    @Override
    public Pipelined<Boolean> activeLock(String userId) {
        return locks.activeLock(userId);
    }

    @Override
    public Optional<String> lockActiveNamed(String username) {
        return username == null ? Optional.empty() : locks.lockActiveNamed(Names.canonical(username));
    }

    @Override
    public Map<String, User> lockUsers(Collection<String> usernames) {
        return locks.lockNamed(usernames.stream().map(Names::canonical).toList());
    }

    @Override
    public Optional<String> lockActiveNamedAlone(String username) {
        return username == null ? Optional.empty() : locks.lockActiveNamedAlone(Names.canonical(username));
    }

    @Override
    public Pipelined<Optional<String>> activeNamedAloneLock(String username) {
        return username == null
                ? Pipelined.answered(Optional.empty())
                : locks.activeNamedAloneLock(Names.canonical(username));
    }

    @Override
    public Pipelined<Optional<String>> activeNamedLock(String username) {
        return username == null
                ? Pipelined.answered(Optional.empty())
                : locks.activeNamedLock(Names.canonical(username));
    }

    @Override
    public Map<String, User> findUsers(Collection<String> usernames) {
        Map<String, User> found = new HashMap<>();
        if (!usernames.isEmpty()) {
            users.known(usernames.stream().map(Names::canonical).toList())
                    .forEach((name, known) -> found.put(name, known.user()));
        }
        return found;
    }

    @Override
    public Map<String, String> idsOf(Collection<String> usernames) {
        return usernames.isEmpty() ? Map.of() : users.idsOf(usernames);
    }

    @Override
    public Set<String> groupsOf(String username) {
        return username == null ? Set.of() : groups.groupsOf(Names.canonical(username));
    }

    @Override
    public boolean groupExists(String group) {
        return group != null
                && jdbc.sql("select count(*) from user_groups where name = ?")
                                .param(Names.canonical(group))
                                .query(Long.class)
                                .single()
                        > 0;
    }

    @Override
    public Set<String> membersOf(String group) {
        return group == null ? Set.of() : groups.membersOf(Names.canonical(group));
    }

    @Override
    public Set<String> managersOf(String group) {
        return group == null ? Set.of() : groups.managersOf(Names.canonical(group));
    }

    @Override
    public Set<String> approversAtOrAbove(String level) {
        return names("""
                select u.username from users u join levels l on l.name = u.level_name
                where u.active = true and u.role in ('USER', 'ADMIN')
                  and l.rank_order >= (select rank_order from levels where name = ?)""", level);
    }

    @Override
    public OptionalInt rankOf(String level) {
        if (level == null) {
            return OptionalInt.empty();
        }
        return jdbc.sql("select rank_order from levels where name = ?")
                .param(Names.canonical(level))
                .query(Integer.class)
                .optional()
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    @Override
    public List<String> levels() {
        return jdbc.sql("select name from levels order by rank_order")
                .query(String.class)
                .list();
    }

    /** A sorted, unmodifiable set of the names the query finds for one canonical argument. */
    private Set<String> names(String sql, String argument) {
        if (argument == null) {
            return Set.of();
        }
        List<String> found = jdbc.sql(sql)
                .param(Names.canonical(argument))
                .query(String.class)
                .list();
        return Collections.unmodifiableSortedSet(new TreeSet<>(found));
    }
}
