package io.countersign.inventory;

import io.countersign.shared.NameQuery;
import io.countersign.shared.Revision;
import io.countersign.shared.Revisions;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.DatabaseProduct;
import io.countersign.shared.database.NotificationFence;
import io.countersign.shared.database.Pipelined;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows of {@code resources} and its child tables. Reading one resource is a single statement
 * (it sits on the path of every access request); writes take lists so that imports are batched.
 */
@Component
class ResourceStore {

    /** One indexed lookup per table, answered in one round trip; the name is each lookup's parameter. */
    private static final String FIND_ONE = """
            select 'type' as kind, type as item, cast(null as varchar(256)) as item_value
              from resources where name = ?
            union all select 'group', group_name, null from resource_group_links where resource_name = ?
            union all select 'label', label_key, label_value from resource_labels where resource_name = ?
            union all select 'owner', username, null from resource_owners where resource_name = ?
            union all select 'account', account_name, null from resource_accounts where resource_name = ?""";

    /** As {@link #FIND_ONE}, for the resources of a page. */
    private static final String FIND_MANY = """
            select name as resource, 'type' as kind, type as item, cast(null as varchar(256)) as item_value
              from resources where name in (:names)
            union all select resource_name, 'group', group_name, null from resource_group_links
              where resource_name in (:names)
            union all select resource_name, 'label', label_key, label_value from resource_labels
              where resource_name in (:names)
            union all select resource_name, 'owner', username, null from resource_owners
              where resource_name in (:names)
            union all select resource_name, 'account', account_name, null from resource_accounts
              where resource_name in (:names)""";

    /** Names per locking statement: far below any driver's limit on bind parameters. */
    private static final int LOCK_SLICE = 1000;

    /**
     * The first key of every resource's advisory lock on PostgreSQL, the second being {@code
     * hashtext(name)}: the trigger {@code resources_wait_for_holders} (migration V102) takes the same
     * key exclusively before a row of {@code resources} is updated or deleted.
     */
    private static final int RESOURCE_LOCKS = 0x43535253;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final DatabaseProduct product;

    private final NotificationFence fence;

    ResourceStore(JdbcClient jdbc, JdbcTemplate batch, Clock clock, DatabaseProduct product, NotificationFence fence) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.product = product;
        this.fence = fence;
    }

    Optional<Resource> find(String name) {
        return jdbc.sql(FIND_ONE).params(Collections.nCopies(5, name)).query((ResultSetExtractor<Optional<Resource>>)
                rs -> parts(name, rs));
    }

    /** {@link #find} as a statement of a pipeline. */
    Pipelined<Optional<Resource>> read(String name) {
        return Pipelined.query(FIND_ONE, Collections.nCopies(5, name), rs -> parts(name, rs));
    }

    private static Optional<Resource> parts(String name, ResultSet rs) throws SQLException {
        ResourceParts found = new ResourceParts(name);
        while (rs.next()) {
            found.add(rs.getString("kind"), rs.getString("item"), rs.getString("item_value"));
        }
        return found.type == null ? Optional.empty() : Optional.of(found.toResource());
    }

    /** One page of resources by name, as {@code query} asks: two round trips. */
    List<Resource> page(NameQuery query) {
        List<String> names = query.keys(jdbc, "resources", "name", "name");
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, ResourceParts> parts = new HashMap<>();
        jdbc.sql(FIND_MANY).param("names", names).query(rs -> {
            parts.computeIfAbsent(rs.getString("resource"), ResourceParts::new)
                    .add(rs.getString("kind"), rs.getString("item"), rs.getString("item_value"));
        });
        // in the database's order of names, which its collation decides and the cursor follows: sorted
        // here, a page's last item could be another than the one the next page starts after
        return names.stream()
                .map(parts::get)
                .filter(Objects::nonNull)
                .map(ResourceParts::toResource)
                .toList();
    }

    Optional<Revision> revision(String name, boolean lock) {
        return Revisions.read(jdbc, "resources", "name", name, lock);
    }

    boolean exists(String name) {
        return jdbc.sql("select count(*) from resources where name = ?")
                        .param(name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Holds off the resource's deletion and replacement until the transaction ends, without holding
     * off other holders: decisions on one resource do not wait for each other, but a deletion or
     * replacement waits for them and they for it. On PostgreSQL it is a shared advisory lock, which
     * writes nothing (a shared row lock wrote the lock and, with several holders at once, a
     * multixact into the row and the WAL every time; docs/adr/0035). It does not read the row: a
     * statement after it reads the resource as the lock keeps it. H2 has neither, so there the row
     * is locked exclusively (one embedded instance, short transactions).
     */
    Pipelined<?> sharedLock(String name) {
        return product.postgres()
                ? Pipelined.query(
                        "select pg_advisory_xact_lock_shared(?, hashtext(?))",
                        List.of(RESOURCE_LOCKS, name),
                        ResultSet::next)
                : Pipelined.query(
                        "select name from resources where name = ? for update", List.of(name), ResultSet::next);
    }

    /**
     * Locks the rows of these resources exclusively, in name order, as a replacement would, and on
     * PostgreSQL waits for the holders of their {@link #sharedLock}s.
     */
    void lockExclusive(Collection<String> names) {
        List<String> sorted = List.copyOf(new TreeSet<>(names));
        for (int from = 0; from < sorted.size(); from += LOCK_SLICE) {
            List<String> slice = sorted.subList(from, Math.min(sorted.size(), from + LOCK_SLICE));
            List<String> locked = jdbc.sql("select name from resources where name in (:names) order by name for update")
                    .param("names", slice)
                    .query(String.class)
                    .list();
            if (product.postgres() && !locked.isEmpty()) {
                // after the row locks, which every writer takes first, so two writers cannot deadlock here
                jdbc.sql(
                                "select count(pg_advisory_xact_lock(:space, hashtext(name))) from resources where name in (:names)")
                        .param("space", RESOURCE_LOCKS)
                        .param("names", locked)
                        .query(Long.class)
                        .single();
            }
        }
    }

    /** Every resource by name: five queries whatever the number of resources. */
    List<Resource> all() {
        Map<String, ResourceParts> parts = new TreeMap<>();
        jdbc.sql("select name, type from resources").query(rs -> {
            parts.computeIfAbsent(rs.getString(1), ResourceParts::new).add("type", rs.getString(2), null);
        });
        collect(parts, "group", "select resource_name, group_name, null from resource_group_links");
        collect(parts, "label", "select resource_name, label_key, label_value from resource_labels");
        collect(parts, "owner", "select resource_name, username, null from resource_owners");
        collect(parts, "account", "select resource_name, account_name, null from resource_accounts");
        return parts.values().stream().map(ResourceParts::toResource).toList();
    }

    /** The resources linked to a group. */
    List<String> linkedTo(String group) {
        return jdbc.sql("select resource_name from resource_group_links where group_name = ? order by resource_name")
                .param(group)
                .query(String.class)
                .list();
    }

    void removeOwner(String username) {
        // a resource read before must not be written back with the owner in it: its version moves on
        jdbc.sql("""
                        update resources set version = version + 1, updated_at = ?
                        where name in (select resource_name from resource_owners where username = ?)""").params(Timestamps.toDb(clock.instant()), username).update();
        jdbc.sql("delete from resource_owners where username = ?")
                .param(username)
                .update();
    }

    void insert(Collection<Resource> resources) {
        var now = Timestamps.toDb(clock.instant());
        batch.batchUpdate(
                "insert into resources (name, type, version, created_at, updated_at) values (?, ?, 0, ?, ?)",
                resources.stream()
                        .map(resource -> new Object[] {resource.name(), resource.type(), now, now})
                        .toList());
        insertParts(resources);
    }

    /** Replaces the type, groups, labels, owners and accounts of existing resources. */
    void update(Collection<Resource> resources) {
        // a resource leaving a group may leave an enforcement point's scope: see ScopeStore
        fence.holdAcknowledgement();
        var now = Timestamps.toDb(clock.instant());
        batch.batchUpdate(
                "update resources set type = ?, version = version + 1, updated_at = ? where name = ?",
                resources.stream()
                        .map(resource -> new Object[] {resource.type(), now, resource.name()})
                        .toList());
        List<Object[]> names = resources.stream()
                .map(resource -> new Object[] {resource.name()})
                .toList();
        for (String table :
                List.of("resource_group_links", "resource_labels", "resource_owners", "resource_accounts")) {
            batch.batchUpdate("delete from " + table + " where resource_name = ?", names);
        }
        insertParts(resources);
    }

    void delete(String name) {
        // a resource leaving a group may leave an enforcement point's scope: see ScopeStore
        fence.holdAcknowledgement();
        jdbc.sql("delete from resources where name = ?").param(name).update();
    }

    private void insertParts(Collection<Resource> resources) {
        List<Object[]> groups = new ArrayList<>();
        List<Object[]> labels = new ArrayList<>();
        List<Object[]> owners = new ArrayList<>();
        List<Object[]> accounts = new ArrayList<>();
        for (Resource resource : resources) {
            resource.groups().forEach(group -> groups.add(new Object[] {resource.name(), group}));
            resource.labels().forEach((key, value) -> labels.add(new Object[] {resource.name(), key, value}));
            resource.owners().forEach(owner -> owners.add(new Object[] {resource.name(), owner}));
            resource.accounts().forEach(account -> accounts.add(new Object[] {resource.name(), account}));
        }
        batch.batchUpdate("insert into resource_group_links (resource_name, group_name) values (?, ?)", groups);
        batch.batchUpdate(
                "insert into resource_labels (resource_name, label_key, label_value) values (?, ?, ?)", labels);
        batch.batchUpdate("insert into resource_owners (resource_name, username) values (?, ?)", owners);
        batch.batchUpdate("insert into resource_accounts (resource_name, account_name) values (?, ?)", accounts);
    }

    private void collect(Map<String, ResourceParts> parts, String kind, String sql) {
        jdbc.sql(sql).query(rs -> {
            ResourceParts resource = parts.get(rs.getString(1));
            if (resource != null) {
                resource.add(kind, rs.getString(2), rs.getString(3));
            }
        });
    }
}
