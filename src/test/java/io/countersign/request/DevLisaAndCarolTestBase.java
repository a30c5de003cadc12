package io.countersign.request;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The people most request stories start with: dev, who asks for access, and lisa and carol, who approve
 * it, review it or are told of it. Each test class adds the others its story needs, then its resource
 * and policy.
 */
abstract class DevLisaAndCarolTestBase {

    @Autowired
    Api api;

    Organisation org;
    Person dev;
    Person lisa;
    Person carol;

    @BeforeEach
    void devLisaAndCarol() {
        org = new Organisation(api);
        dev = org.person("dev");
        lisa = org.person("lisa");
        carol = org.person("carol");
    }
}
