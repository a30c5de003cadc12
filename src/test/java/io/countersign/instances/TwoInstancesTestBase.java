package io.countersign.instances;

import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/**
 * Two instances of the service, {@code a} and {@code b}, on one new PostgreSQL database for the whole
 * test class, sharing one clock as servers do; stopped after the class.
 */
abstract class TwoInstancesTestBase {

    static MutableClock clock;
    static Instance a;
    static Instance b;

    /**
     * Starts a and b on a new database, from the class's own {@code @BeforeAll}; {@code argumentsOfB}
     * configure b alone.
     */
    static void startOnOneDatabase(String... argumentsOfB) {
        clock = new MutableClock();
        String url = PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));
        a = Instance.start("a", url, clock);
        b = Instance.start("b", url, clock, argumentsOfB);
    }

    @AfterAll
    static void stop() throws Exception {
        Instance.closeAll(a, b);
    }
}
