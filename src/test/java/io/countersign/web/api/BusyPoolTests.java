package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An instance whose every database connection is in use, as under a burst of decisions, is busy and
 * not cut off from its database: the calls that find no connection in time answer 503 saying so, and
 * the calls after them are not refused as during an outage (the refusal would last an hour here).
 */
@CountersignTest
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.maximum-pool-size=2",
            "spring.datasource.hikari.connection-timeout=250",
            "countersign.database.bounded-calls.retry-after=1h"
        })
class BusyPoolTests {

    private static final String CHECK = "/api/v1/access/check?user=dev&resource=db&account=root";

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @Test
    void callsThatFindEveryConnectionInUseAreAnsweredBusyAndRefuseNothingAfterwards() throws Exception {
        Api api = new Api(mvc);
        String enforcer = api.tokenHolder("gate", "ENFORCER");

        List<Connection> held = holdEveryConnection();
        Api.Response check;
        Api.Response levels;
        try {
            // the token was never looked up: the check needs a connection before it can answer
            check = api.as(enforcer).get(CHECK);
            levels = api.asAdmin().get("/api/v1/levels");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }

        assertThat(check.status()).isEqualTo(503);
        assertThat(check.header("Retry-After")).isEqualTo("1");
        assertThat(check.json().get("allowed").asBoolean(true)).isFalse();
        assertThat(check.json().get("title").asString()).isEqualTo("Service busy");
        assertThat(check.json().get("detail").asString()).contains("Access is denied", "too busy");
        assertThat(levels.status()).isEqualTo(503);
        assertThat(levels.header("Retry-After")).isEqualTo("1");
        assertThat(levels.json().get("detail").asString()).contains("too busy").doesNotContain("cannot reach");
        api.as(enforcer).get(CHECK).expect(200);
        api.asAdmin().get("/api/v1/levels").expect(200);
    }

    /** Every connection the pool may open, each taken once whoever held it before gives it back. */
    private List<Connection> holdEveryConnection() throws SQLException {
        List<Connection> held = new ArrayList<>();
        while (held.size() < 2) {
            try {
                held.add(dataSource.getConnection());
            } catch (SQLTransientConnectionException inUseElsewhere) {
                // background work holds it for a moment: wait for it again
            }
        }
        return held;
    }
}
