package io.countersign.testing;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the notes the audit trail holds, for tests that check what was audited and why. */
public class AuditNotes {

    private final JdbcClient jdbc;

    public AuditNotes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The notes of every audit event with this action, oldest first. */
    public List<String> of(String action) {
        return jdbc.sql("select note from audit_events where action = ? order by id")
                .param(action)
                .query(String.class)
                .list();
    }
}
