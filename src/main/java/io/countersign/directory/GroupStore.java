package io.countersign.directory;

import io.countersign.shared.NameQuery;
import io.countersign.shared.Revision;
import io.countersign.shared.Revisions;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.FreshCache;
import io.countersign.shared.database.SharedCaches;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows of {@code user_groups}, {@code group_members} and {@code group_managers}. Writes take
 * lists so that an import of hundreds of groups costs a handful of batched statements.
 */
@Component
class GroupStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;

    /**
     * Each user's groups and each group's members and managers, asked whenever a request is opened
     * (which policy governs it, who approves it), by kind and name ({@code user:dev}, {@code
     * members:dba}, {@code managers:dba}). Every write of memberships here marks them changed, and so
     * holds its acknowledgement: a request opened after whoever removed someone from a group was told
     * is planned without them.
     */
    private final FreshCache<String, Set<String>> memberships;

    GroupStore(JdbcClient jdbc, JdbcTemplate batch, Clock clock, SharedCaches caches) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.memberships = caches.createFresh("group_members", Duration.ofMinutes(1));
    }

    /** The groups this user (by canonical name) is a member of, sorted. */
    Set<String> groupsOf(String username) {
        return names("user:", "select group_name from group_members where username = ?", username);
    }

    /** The members of this group (by canonical name), sorted. */
    Set<String> membersOf(String group) {
        return names("members:", "select username from group_members where group_name = ?", group);
    }

    /** The managers of this group (by canonical name), sorted. */
    Set<String> managersOf(String group) {
        return names("managers:", "select username from group_managers where group_name = ?", group);
    }

    private Set<String> names(String kind, String sql, String name) {
        return memberships.get(
                kind + name,
                key -> Collections.unmodifiableSortedSet(new TreeSet<>(
                        jdbc.sql(sql).param(name).query(String.class).list())));
    }

    /** Removes the user from every group they are a member or a manager of. */
    void removeFromEveryGroup(String username) {
        memberships.changed();
        // a group read before must not be written back with the person in it: its version moves on
        jdbc.sql("""
                        update user_groups set version = version + 1, updated_at = ?
                        where name in (select group_name from group_members where username = ?
                                       union select group_name from group_managers where username = ?)""")
                .params(Timestamps.toDb(clock.instant()), username, username)
                .update();
        jdbc.sql("delete from group_members where username = ?").param(username).update();
        jdbc.sql("delete from group_managers where username = ?")
                .param(username)
                .update();
    }

    boolean exists(String name) {
        return jdbc.sql("select count(*) from user_groups where name = ?")
                        .param(name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Group> find(String name) {
        if (!exists(name)) {
            return Optional.empty();
        }
        List<String> members = jdbc.sql("select username from group_members where group_name = ? order by username")
                .param(name)
                .query(String.class)
                .list();
        List<String> managers = jdbc.sql("select username from group_managers where group_name = ? order by username")
                .param(name)
                .query(String.class)
                .list();
        return Optional.of(new Group(name, members, managers));
    }

    /** Every group with its members and managers, by name: three queries whatever the number of groups. */
    List<Group> all() {
        List<String> names = new ArrayList<>(
                jdbc.sql("select name from user_groups").query(String.class).list());
        Collections.sort(names);
        return load(names, "", Map.of());
    }

    /** One page of groups by name, as {@code query} asks: three queries. */
    List<Group> page(NameQuery query) {
        List<String> names = query.keys(jdbc, "user_groups", "name", "name");
        return names.isEmpty() ? List.of() : load(names, " where group_name in (:names)", Map.of("names", names));
    }

    Optional<Revision> revision(String name, boolean lock) {
        return Revisions.read(jdbc, "user_groups", "name", name, lock);
    }

    /**
     * The groups named, in the order named, with the members and managers the {@code where} clause on
     * their tables selects. A page names them in the database's order, which its collation decides and
     * the cursor follows: sorted here, a page's last item could be another than the one the next page
     * starts after.
     */
    private List<Group> load(List<String> names, String where, Map<String, ?> params) {
        Map<String, TreeSet<String>> members = new LinkedHashMap<>();
        Map<String, TreeSet<String>> managers = new HashMap<>();
        names.forEach(name -> {
            members.put(name, new TreeSet<>());
            managers.put(name, new TreeSet<>());
        });
        jdbc.sql("select group_name, username from group_members" + where)
                .params(params)
                .query(rs -> {
                    members.get(rs.getString(1)).add(rs.getString(2));
                });
        jdbc.sql("select group_name, username from group_managers" + where)
                .params(params)
                .query(rs -> {
                    managers.get(rs.getString(1)).add(rs.getString(2));
                });
        List<Group> groups = new ArrayList<>();
        members.forEach((name, memberSet) ->
                groups.add(new Group(name, List.copyOf(memberSet), List.copyOf(managers.get(name)))));
        return groups;
    }

    void insert(Collection<Group> groups) {
        memberships.changed();
        var now = Timestamps.toDb(clock.instant());
        batch.batchUpdate(
                "insert into user_groups (name, version, created_at, updated_at) values (?, 0, ?, ?)",
                groups.stream()
                        .map(group -> new Object[] {group.name(), now, now})
                        .toList());
        insertLinks(groups);
    }

    /** Replaces the members and managers of existing groups. */
    void update(Collection<Group> groups) {
        memberships.changed();
        var now = Timestamps.toDb(clock.instant());
        List<Object[]> names =
                groups.stream().map(group -> new Object[] {group.name()}).toList();
        batch.batchUpdate(
                "update user_groups set version = version + 1, updated_at = ? where name = ?",
                groups.stream().map(group -> new Object[] {now, group.name()}).toList());
        batch.batchUpdate("delete from group_members where group_name = ?", names);
        batch.batchUpdate("delete from group_managers where group_name = ?", names);
        insertLinks(groups);
    }

    void delete(String name) {
        // its members go with it
        memberships.changed();
        jdbc.sql("delete from user_groups where name = ?").param(name).update();
    }

    private void insertLinks(Collection<Group> groups) {
        List<Object[]> members = new ArrayList<>();
        List<Object[]> managers = new ArrayList<>();
        for (Group group : groups) {
            group.members().forEach(user -> members.add(new Object[] {group.name(), user}));
            group.managers().forEach(user -> managers.add(new Object[] {group.name(), user}));
        }
        batch.batchUpdate("insert into group_members (group_name, username) values (?, ?)", members);
        batch.batchUpdate("insert into group_managers (group_name, username) values (?, ?)", managers);
    }
}
