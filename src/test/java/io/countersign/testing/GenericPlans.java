package io.countersign.testing;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The plan PostgreSQL keeps for a statement once it plans it generically (as it does for a prepared
 * statement after a few uses), beside rows the test inserts first and the planner has no statistics
 * of, as on a new installation or where autovacuum lags. Everything is rolled back.
 */
public final class GenericPlans {

    private GenericPlans() {}

    /** {@code sql} with JDBC's {@code ?} placeholders; {@code setup} runs first, in the same transaction. */
    public static String of(JdbcTemplate jdbc, TransactionTemplate transactions, String setup, String sql) {
        List<String> plan = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(setup);
                    statement.execute("set local plan_cache_mode = force_generic_plan");
                    statement.execute("prepare generic_plan_probe as " + numbered(sql));
                    int parameters = (int) sql.chars().filter(c -> c == '?').count();
                    try (ResultSet rows = statement.executeQuery("explain execute generic_plan_probe("
                            + String.join(", ", Collections.nCopies(parameters, "null")) + ")")) {
                        while (rows.next()) {
                            plan.add(rows.getString(1));
                        }
                    }
                    statement.execute("deallocate generic_plan_probe");
                }
                return null;
            });
            tx.setRollbackOnly();
        });
        return String.join("\n", plan);
    }

    /** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2, ...}. */
    private static String numbered(String sql) {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(c);
            }
        }
        return numbered.toString();
    }
}
