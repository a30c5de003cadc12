package io.countersign.grant;

import static org.awaitility.Awaitility.await;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where grant tests start: dev, a user with an API token to ask for access with, and a fresh name for
 * the resource each test class creates under the policy it is about. The clock moves grants on; the
 * database shows what was stored.
 */
abstract class DevWithATokenTestBase {

    @Autowired
    Api api;

    @Autowired
    AccessSetup setup;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    String dev;
    String devToken;
    String resource;

    @BeforeEach
    void devWithAToken() {
        dev = Api.unique("dev");
        devToken = setup.tokenForNewUser(dev, "USER");
        resource = Api.unique("db");
    }

    /**
     * The audit actions recorded against a grant, oldest first, once the sealer has chained them. What
     * happened to the grant itself only: a delivery of its events, to a webhook another test of the
     * same context left behind, is audited against it too and says nothing of its course.
     */
    List<String> auditActions(String grantId) {
        awaitSealed(grantId);
        return jdbc.sql("select action from audit_events where grant_id = ? and action not like 'notification.%'"
                        + " order by id")
                .param(grantId)
                .query(String.class)
                .list();
    }

    void awaitSealed(String grantId) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.sql("select count(*) from audit_journal where grant_id = ?")
                                .param(grantId)
                                .query(Long.class)
                                .single()
                        == 0);
    }
}
