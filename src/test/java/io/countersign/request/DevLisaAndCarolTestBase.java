package io.countersign.request;

import io.countersign.request.Organisation.Person;
import org.junit.jupiter.api.BeforeEach;

/** Dev and lisa, and carol, who approves, reviews or is told of what dev asks for, next to lisa. */
abstract class DevLisaAndCarolTestBase extends DevAndLisaTestBase {

    Person carol;

    @BeforeEach
    void addCarol() {
        carol = org.person("carol");
    }
}
