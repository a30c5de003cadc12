package io.countersign.request;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests of request deadlines share: the cast of a {@link DeadlineScene}, a clock they move,
 * the timers the scheduler runs, and the scheduler's table of their tasks.
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

    @Autowired
    SchedulerClient scheduler;

    DeadlineScene scene;

    @BeforeEach
    void cast() {
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
