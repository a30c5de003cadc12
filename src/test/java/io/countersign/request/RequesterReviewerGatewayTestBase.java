package io.countersign.request;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The cast of a request that one person reviews: dev asks for access, lisa approves, and an enforcement
 * point (the gateway) checks whether dev may use it. Each test class adds the resource and policy it
 * is about.
 */
abstract class RequesterReviewerGatewayTestBase {

    @Autowired
    Api api;

    Organisation org;
    Person dev;
    Person lisa;
    Person gateway;

    @BeforeEach
    void requesterReviewerAndGateway() {
        org = new Organisation(api);
        dev = org.person("dev");
        lisa = org.person("lisa");
        gateway = org.person("gateway", "ENFORCER");
    }
}
