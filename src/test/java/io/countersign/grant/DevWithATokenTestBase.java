package io.countersign.grant;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
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

    /** The audit actions recorded against a grant, oldest first. */
    /**
     * What happened to the grant itself: a delivery of its events, to a webhook another test of the
     * same context left behind, is audited against it too and says nothing of its course.
     */
    List<String> auditActions(String grantId) {
        return jdbc.sql("select action from audit_events where grant_id = ? and action not like 'notification.%'"
                        + " order by id")
                .param(grantId)
                .query(String.class)
                .list();
    }
}
