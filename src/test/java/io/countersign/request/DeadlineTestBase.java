package io.countersign.request;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests of request deadlines share: the cast of a {@link DeadlineScene}, a clock they move,
 * and the timers the scheduler runs.
 */
@CountersignTest
abstract class DeadlineTestBase {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    RequestTimers timers;

    @Autowired
    JdbcClient jdbc;

    DeadlineScene scene;

    @BeforeEach
    void cast() {
        scene = new DeadlineScene(api, jdbc);
    }
}
