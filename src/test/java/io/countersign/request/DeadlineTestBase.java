package io.countersign.request;

import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What the tests of request deadlines share: the cast of a {@link DeadlineScene}, a clock they move,
 * the timers the scheduler runs, and the scheduler's table of their tasks. The sweep runs once, at
 * startup, and not again for a day: a test that moves the clock past a deadline decides who applies
 * the timeout (the sweep it calls, or the write it tests), where a sweep every minute could overtake
 * either at any moment.
 */
@CountersignTest
@TestPropertySource(properties = "countersign.request.timer-interval=PT24H")
abstract class DeadlineTestBase {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    RequestTimers timers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SchedulerClient scheduler;

    DeadlineScene scene;

    @BeforeEach
    void cast() {
        // the startup run of the sweep is its last: once rescheduled, nothing but the test applies a timeout
        await().until(() -> scheduler.getScheduledExecutionsForTask("request-timers").stream()
                .anyMatch(run -> run.getExecutionTime().isAfter(Instant.now().plus(Duration.ofHours(1)))));
        scene = new DeadlineScene(api, jdbc);
    }

    /** The instants at which a deadline task of this request is scheduled, earliest first. */
    List<Instant> timersOf(String id) {
        return scheduler.getScheduledExecutionsForTask(RequestTimerTask.DEADLINE_TASK).stream()
                .filter(execution -> execution.getTaskInstance().getId().startsWith(id + "@"))
                .map(ScheduledExecution::getExecutionTime)
                .sorted()
                .toList();
    }
}
