package io.countersign.request;

import io.countersign.request.Organisation.Person;
import org.junit.jupiter.api.BeforeEach;

/**
 * Dev, who asks, lisa, who reviews, and an enforcement point (the gateway) that checks whether dev may
 * use what was granted.
 */
abstract class RequesterReviewerGatewayTestBase extends DevAndLisaTestBase {

    Person gateway;

    @BeforeEach
    void addGateway() {
        gateway = org.person("gateway", "ENFORCER");
    }
}
