package io.countersign.directory;

import io.countersign.shared.NameQuery;
import io.countersign.shared.Names;
import io.countersign.shared.Revision;
import io.countersign.shared.Revisions;
import io.countersign.shared.Role;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.FreshCache;
import io.countersign.shared.database.SharedCaches;
import io.countersign.shared.database.TransactionCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rows of the {@code users} table and what hangs on a username. */
@Component
class UserStore {

    static final String COLUMNS = "username, email, display_name, level_name, manager, role, active";

    /** Large name lists are looked up in slices so that no statement carries thousands of parameters. */
    static final int SLICE = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;

    /**
     * The users this transaction looked up by name, found or not, so that a request creation reads
     * its requester and each approver once (docs/adr/0027). Every write here forgets them; a row
     * locked by {@link UserLocks} is remembered as the lock read it.
     */
    private final TransactionCache<String, Optional<Known>> seen = new TransactionCache<>("users by name");

    /** A user with their internal id. */
    record Known(String id, User user) {}

    /**
     * Users by name, asked on every call a user makes (their id) and whenever they are told of a
     * request (whether they are active, and where to reach them). Every write here marks them
     * changed. Only users found are kept; a name not found is asked again, so a user added since is
     * found at once.
     */
    private final FreshCache<String, Known> named;

    UserStore(JdbcClient jdbc, JdbcTemplate batch, Clock clock, SharedCaches caches) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.named = caches.createFresh("users_by_name", Duration.ofMinutes(1));
    }

    Optional<User> find(String username) {
        return known(username).map(Known::user);
    }

    /** The user with this name and their id, read once per transaction. */
    Optional<Known> known(String username) {
        Map<String, Optional<Known>> memo = seen.map();
        Optional<Known> found = memo.get(username);
        if (found == null) {
            found = Optional.ofNullable(named.get(username, this::read));
            memo.put(username, found);
        }
        return found;
    }

    /** Those of the given users that exist, by username; one query for all that are not in memory. */
    Map<String, Known> known(Collection<String> usernames) {
        Map<String, Optional<Known>> memo = seen.map();
        Map<String, Known> found = new HashMap<>();
        List<String> unread = new ArrayList<>();
        for (String name : new HashSet<>(usernames)) {
            Optional<Known> remembered = memo.get(name);
            if (remembered == null) {
                unread.add(name);
            } else {
                remembered.ifPresent(known -> found.put(name, known));
            }
        }
        if (!unread.isEmpty()) {
            Map<String, Known> read = named.getAll(unread, this::read);
            unread.forEach(name -> memo.put(name, Optional.ofNullable(read.get(name))));
            found.putAll(read);
        }
        return found;
    }

    private Known read(String username) {
        return jdbc.sql("select id, " + COLUMNS + " from users where username = ?")
                .param(username)
                .query((rs, row) -> new Known(rs.getString("id"), map(rs)))
                .optional()
                .orElse(null);
    }

    private Map<String, Known> read(List<String> usernames) {
        Map<String, Known> found = new HashMap<>();
        for (int from = 0; from < usernames.size(); from += SLICE) {
            jdbc.sql("select id, " + COLUMNS + " from users where username in (:names)")
                    .param("names", usernames.subList(from, Math.min(usernames.size(), from + SLICE)))
                    .query(rs -> {
                        Known known = new Known(rs.getString("id"), map(rs));
                        found.put(known.user().username(), known);
                    });
        }
        return found;
    }

    Optional<User> findById(String userId) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(userId)
                .query((rs, row) -> map(rs))
                .optional();
    }

    /**
     * Active users whose address is this one, compared without regard to the case of A to Z: stored
     * addresses are ASCII, and Unicode lower-casing would make the Kelvin sign in an address a "k".
     */
    List<User> activeWithEmail(String address) {
        return jdbc.sql("select " + COLUMNS + " from users where lower(email) = ? and active = ? order by username")
                .params(Names.asciiLowerCase(address), true)
                .query((rs, row) -> map(rs))
                .list();
    }

    List<User> all() {
        return jdbc.sql("select " + COLUMNS + " from users order by username")
                .query((rs, row) -> map(rs))
                .list();
    }

    /** One page of users by username, as {@code query} asks. */
    List<User> page(NameQuery query) {
        return jdbc.sql("select " + COLUMNS + " from users" + query.where("username", "username")
                        + query.orderAndLimit("username"))
                .params(query.params())
                .query((rs, row) -> map(rs))
                .list();
    }

    Optional<Revision> revision(String username, boolean lock) {
        return Revisions.read(jdbc, "users", "username", username, lock);
    }

    long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from users where username = ?")
                        .param(username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Which of the given usernames exist. */
    Set<String> existing(Collection<String> usernames) {
        List<String> names = List.copyOf(new HashSet<>(usernames));
        Set<String> found = new HashSet<>();
        for (int from = 0; from < names.size(); from += SLICE) {
            List<String> slice = names.subList(from, Math.min(names.size(), from + SLICE));
            found.addAll(jdbc.sql("select username from users where username in (:names)")
                    .param("names", slice)
                    .query(String.class)
                    .list());
        }
        return found;
    }

    /** The internal id of a user, active or not. */
    Optional<String> idOf(String username) {
        Optional<Known> read = seen.map().get(username);
        if (read != null) {
            return read.map(Known::id);
        }
        return known(username).map(Known::id);
    }

    /** What a lock of this user's row read, found or not: it holds until the transaction ends. */
    void remember(String username, Optional<Known> locked) {
        seen.map().put(username, locked);
    }

    /** The internal ids of those of the given usernames that exist, by username. */
    Map<String, String> idsOf(Collection<String> usernames) {
        Map<String, String> ids = new HashMap<>();
        known(usernames).forEach((name, known) -> ids.put(name, known.id()));
        return ids;
    }

    String managerOf(String username) {
        return jdbc.sql("select manager from users where username = ?")
                .param(username)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /**
     * Locks the rows of the active administrators, in username order, so that two callers (two writes of
     * users, or one and an import) cannot demote the last two at once.
     */
    List<String> lockActiveAdmins() {
        return jdbc.sql("select username from users where role = ? and active = ? order by username for update")
                .params(Role.ADMIN.name(), true)
                .query(String.class)
                .list();
    }

    List<String> usingLevel(String level) {
        return jdbc.sql("select username from users where level_name = ? order by username")
                .param(level)
                .query(String.class)
                .list();
    }

    void insert(User user) {
        insert(List.of(user), true);
    }

    /** False when the row is gone: a deletion committed while this change was being checked. */
    boolean update(User user) {
        return update(List.of(user))[0] != 0;
    }

    /**
     * Inserts users in one batch. Without {@code withManagers} the manager stays empty so that users
     * may name managers inserted in the same batch; {@link #setManagers} fills it in afterwards.
     */
    void insert(List<User> users, boolean withManagers) {
        seen.clear();
        var now = Timestamps.toDb(clock.instant());
        batch.batchUpdate(
                """
                insert into users (id, username, email, display_name, level_name, manager, role, active,
                                   version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
                users.stream()
                        .map(user -> new Object[] {
                            UserIds.next(),
                            user.username(),
                            user.email(),
                            user.displayName(),
                            user.level(),
                            withManagers ? user.manager() : null,
                            user.role().name(),
                            user.active(),
                            now,
                            now
                        })
                        .toList());
    }

    int[] update(List<User> users) {
        // a user made ADMIN or AUDITOR is no longer checked on behalf of by enforcement points: see ScopeStore
        named.changed();
        seen.clear();
        var now = Timestamps.toDb(clock.instant());
        return batch.batchUpdate(
                """
                update users set email = ?, display_name = ?, level_name = ?, manager = ?, role = ?,
                                 active = ?, version = version + 1, updated_at = ?
                where username = ?""",
                users.stream()
                        .map(user -> new Object[] {
                            user.email(),
                            user.displayName(),
                            user.level(),
                            user.manager(),
                            user.role().name(),
                            user.active(),
                            now,
                            user.username()
                        })
                        .toList());
    }

    void setManagers(List<User> users) {
        named.changed();
        seen.clear();
        batch.batchUpdate(
                "update users set manager = ? where username = ?",
                users.stream()
                        .filter(user -> user.manager() != null)
                        .map(user -> new Object[] {user.manager(), user.username()})
                        .toList());
    }

    /** Removes the user; their reports keep no manager. Their groups are {@link GroupStore}'s to clear. */
    void delete(String username) {
        // a user made ADMIN or AUDITOR is no longer checked on behalf of by enforcement points: see ScopeStore
        named.changed();
        seen.clear();
        jdbc.sql("update users set manager = null, version = version + 1, updated_at = ? where manager = ?")
                .params(Timestamps.toDb(clock.instant()), username)
                .update();
        jdbc.sql("delete from users where username = ?").param(username).update();
    }

    /** The users who have {@code username} as their manager. */
    List<String> reportsOf(String username) {
        return new ArrayList<>(jdbc.sql("select username from users where manager = ? order by username")
                .param(username)
                .query(String.class)
                .list());
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("level_name"),
                rs.getString("manager"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("active"));
    }
}
