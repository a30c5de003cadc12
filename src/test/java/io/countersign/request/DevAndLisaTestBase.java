package io.countersign.request;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two people nearly every request story starts with: dev, who asks for access, and lisa, who
 * approves it. Each test class adds the others its story needs, then its resource and policy.
 */
abstract class DevAndLisaTestBase {

    @Autowired
    Api api;

    // private, so that the classes with their own JdbcClient field do not hide this one
    @Autowired
    private JdbcClient database;

    Organisation org;
    Person dev;
    Person lisa;

    @BeforeEach
    void devAndLisa() {
        org = new Organisation(api);
        dev = org.person("dev");
        lisa = org.person("lisa");
    }

    /** A decision (or revocation) posted to {@code path} under an idempotency key, as a client retrying would. */
    Api.Response decide(Person caller, String path, String body, String key) {
        return api.as(caller.token()).call(HttpMethod.POST, path, body, "Idempotency-Key", key);
    }

    /** How many decisions the request holds, whatever its answers said. */
    long decisionsOn(String requestId) {
        return database.sql("select count(*) from decisions where request_id = ?")
                .param(requestId)
                .query(Long.class)
                .single();
    }
}
