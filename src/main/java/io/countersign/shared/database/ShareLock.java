package io.countersign.shared.database;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The clause that locks a row against change while others may lock it the same way: {@code for
 * share} on PostgreSQL. Requests, decisions and extensions lock the rows they rest on (the resource,
 * the requester) only so that a deletion or an offboarding, which update those rows, wait for them
 * or are seen by them (docs/adr/0008); they need not wait for each other. H2 has no shared row lock,
 * so there it is {@code for update}.
 */
@Component
public class ShareLock {

    private final JdbcTemplate jdbc;
    private volatile String clause;

    ShareLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code for share} or {@code for update}, to follow a {@code select}. */
    public String clause() {
        String known = clause;
        if (known == null) {
            String product = jdbc.execute((ConnectionCallback<String>)
                    connection -> connection.getMetaData().getDatabaseProductName());
            known = "PostgreSQL".equalsIgnoreCase(product) ? "for share" : "for update";
            clause = known;
        }
        return known;
    }
}
