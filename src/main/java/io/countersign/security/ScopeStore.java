package io.countersign.security;

import io.countersign.shared.database.NotificationFence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code enforcer_scope_*} tables: a user with no row in either has no scope. */
@Repository
class ScopeStore {

    private final JdbcClient jdbc;

    private final NotificationFence fence;

    ScopeStore(JdbcClient jdbc, NotificationFence fence) {
        this.jdbc = jdbc;
        this.fence = fence;
    }

    Optional<EnforcerScope> find(String username) {
        return Optional.ofNullable(all(username).get(username));
    }

    /** Every scope by username; of one user only when {@code username} is given. */
    Map<String, EnforcerScope> all(String username) {
        String where = username == null ? "" : " where username = ?";
        Object[] params = username == null ? new Object[0] : new Object[] {username};
        Map<String, List<String>> resources = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        jdbc.sql("select username, pattern from enforcer_scope_resources" + where + " order by username, pattern")
                .params(params)
                .query(rs -> {
                    resources
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        jdbc.sql("select username, group_name from enforcer_scope_groups" + where + " order by username, group_name")
                .params(params)
                .query(rs -> {
                    groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        Map<String, EnforcerScope> scopes = new LinkedHashMap<>();
        resources.keySet().forEach(user -> scopes.put(user, null));
        groups.keySet().forEach(user -> scopes.put(user, null));
        scopes.replaceAll((user, none) ->
                new EnforcerScope(resources.getOrDefault(user, List.of()), groups.getOrDefault(user, List.of())));
        return scopes;
    }

    void replace(String username, EnforcerScope scope) {
        delete(username);
        if (scope == null) {
            return;
        }
        scope.resources()
                .forEach(pattern -> jdbc.sql("insert into enforcer_scope_resources (username, pattern) values (?, ?)")
                        .params(username, pattern)
                        .update());
        scope.resourceGroups()
                .forEach(group -> jdbc.sql("insert into enforcer_scope_groups (username, group_name) values (?, ?)")
                        .params(username, group)
                        .update());
    }

    void delete(String username) {
        // a narrower scope may refuse what checks elsewhere allowed from a view moments old
        fence.holdAcknowledgement();
        jdbc.sql("delete from enforcer_scope_resources where username = ?")
                .param(username)
                .update();
        jdbc.sql("delete from enforcer_scope_groups where username = ?")
                .param(username)
                .update();
    }

    /** The enforcement points whose scope names {@code group}. */
    List<String> usersOfGroup(String group) {
        return jdbc.sql("select username from enforcer_scope_groups where group_name = ? order by username")
                .param(group)
                .query(String.class)
                .list();
    }
}
