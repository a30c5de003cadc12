package io.countersign.policy.internal;

import io.countersign.policy.PolicyDefinition;
import io.countersign.shared.NameQuery;
import io.countersign.shared.Revision;
import io.countersign.shared.Revisions;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.FreshCache;
import io.countersign.shared.database.SharedCaches;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Policies as rows: the normalized definition as JSON plus the columns worth querying, and the
 * revision counter that tells every instance when its compiled index is stale.
 */
@Component
public class PolicyStore {

    /** Names per locking statement: a bundle may replace thousands of policies. */
    private static final int LOCK_SLICE = 1000;

    private final JdbcClient jdbc;
    private final FreshCache<String, Long> revisions;

    PolicyStore(JdbcClient jdbc, SharedCaches caches) {
        this.jdbc = jdbc;
        // every request planned reads the revision; a policy change holds its acknowledgement, so a
        // request planned on any instance after its author was told it saved is planned under it
        this.revisions = caches.createFresh("policy_revision", Duration.ofMinutes(1));
    }

    public List<PolicyDefinition> all() {
        return jdbc.sql("select definition from policies order by name")
                .query((rs, row) -> PolicyCodec.read(rs.getString(1)))
                .list();
    }

    /** One page of policies by name, as {@code query} asks. */
    public List<PolicyDefinition> page(NameQuery query) {
        return jdbc.sql("select definition from policies" + query.where("name", "name") + query.orderAndLimit("name"))
                .params(query.params())
                .query((rs, row) -> PolicyCodec.read(rs.getString(1)))
                .list();
    }

    public Optional<Revision> revision(String name, boolean lock) {
        return Revisions.read(jdbc, "policies", "name", name, lock);
    }

    public Optional<PolicyDefinition> find(String name) {
        return jdbc.sql("select definition from policies where name = ?")
                .param(name)
                .query((rs, row) -> PolicyCodec.read(rs.getString(1)))
                .optional();
    }

    public boolean exists(String name) {
        return jdbc.sql("select count(*) from policies where name = ?")
                        .param(name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public void insert(PolicyDefinition policy, Instant now) {
        jdbc.sql("""
                        insert into policies (name, enabled, priority, definition, version, created_at, updated_at)
                        values (?, ?, ?, ?, 0, ?, ?)""")
                .params(
                        policy.name(),
                        policy.enabled(),
                        policy.priority(),
                        PolicyCodec.write(policy),
                        Timestamps.toDb(now),
                        Timestamps.toDb(now))
                .update();
    }

    public void update(PolicyDefinition policy, Instant now) {
        jdbc.sql("""
                        update policies set enabled = ?, priority = ?, definition = ?, version = version + 1,
                                            updated_at = ?
                        where name = ?""")
                .params(
                        policy.enabled(),
                        policy.priority(),
                        PolicyCodec.write(policy),
                        Timestamps.toDb(now),
                        policy.name())
                .update();
    }

    public boolean delete(String name) {
        return jdbc.sql("delete from policies where name = ?").param(name).update() > 0;
    }

    /**
     * Locks the rows of the named policies that exist, in name order. Every change locks the rows it
     * changes before the revision ({@link #bumpRevision}), as a write with If-Match does when it reads
     * the version, so that an import and a single write of the same policy cannot deadlock.
     */
    public void lock(Collection<String> names) {
        List<String> sorted = List.copyOf(new TreeSet<>(names));
        for (int from = 0; from < sorted.size(); from += LOCK_SLICE) {
            jdbc.sql("select name from policies where name in (:names) order by name for update")
                    .param("names", sorted.subList(from, Math.min(sorted.size(), from + LOCK_SLICE)))
                    .query(String.class)
                    .list();
        }
    }

    public long revision() {
        return revisions.get(
                "",
                key -> jdbc.sql("select revision from policy_revision where id = 1")
                        .query(Long.class)
                        .single());
    }

    /**
     * Moves the revision on. Called in every policy change after the policy rows are locked
     * ({@link #lock}) and before anything is written: the row lock it takes serializes policy writers,
     * so a change never races another one (two creations of the same name, say).
     */
    public void bumpRevision() {
        revisions.changed();
        jdbc.sql("update policy_revision set revision = revision + 1 where id = 1")
                .update();
    }
}
