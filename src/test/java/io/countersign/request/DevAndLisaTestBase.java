package io.countersign.request;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The two people nearly every request story starts with: dev, who asks for access, and lisa, who
 * approves it. Each test class adds the others its story needs, then its resource and policy.
 */
abstract class DevAndLisaTestBase {

    @Autowired
    Api api;

    Organisation org;
    Person dev;
    Person lisa;

    @BeforeEach
    void devAndLisa() {
        org = new Organisation(api);
        dev = org.person("dev");
        lisa = org.person("lisa");
    }
}
