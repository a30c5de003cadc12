package io.countersign.request;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where a user stands as approver in requests still pending, for what ends when they stop approving. */
@Component
class ApproverPlaces {

    private final JdbcClient jdbc;

    ApproverPlaces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The pending requests where the user holds an approver's place, would be escalated to, or gave (or
     * had given for them) an approval of the open step.
     */
    Set<String> pendingWithPlacesOf(String userId) {
        Set<String> ids =
                new TreeSet<>(jdbc.sql("""
                        select distinct r.id from access_requests r
                        join request_step_approvers a on a.request_id = r.id
                        where r.status = 'PENDING' and a.user_id = ?""").param(userId).query(String.class).list());
        // an approval they gave, or a delegate gave for them, on a step still open: it stops counting
        ids.addAll(jdbc.sql("""
                        select distinct r.id from access_requests r
                        join decisions d on d.request_id = r.id and d.step_index = r.current_step
                        where r.status = 'PENDING' and (d.approver_id = ? or d.on_behalf_of_id = ?)""").params(userId, userId).query(String.class).list());
        // ids are drawn from an alphabet without LIKE wildcards, so the pattern matches the id only
        ids.addAll(jdbc.sql("""
                        select distinct r.id from access_requests r
                        join request_steps s on s.request_id = r.id
                        where r.status = 'PENDING' and s.escalation_approver_ids like ?""").param("%" + userId + "%").query(String.class).list());
        return ids;
    }
}
