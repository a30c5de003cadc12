package io.countersign.shared.database;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which database the service runs on, as its driver names it, read once. */
@Component
public class DatabaseProduct {

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    DatabaseProduct(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** PostgreSQL, rather than the embedded H2. */
    public boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            String name = jdbc.execute((ConnectionCallback<String>)
                    connection -> connection.getMetaData().getDatabaseProductName());
            known = "PostgreSQL".equalsIgnoreCase(name);
            postgres = known;
        }
        return known;
    }
}
