package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A timer that finds its request's row held by another task (the sweep and the request's own deadline
 * task meet on an overdue request) leaves that request to whoever holds it, quietly: nothing fails,
 * nothing of the row reaches the log, and the next sweep, or the deadline task's own second look a
 * moment later, finishes what is still due.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContendedTimerTests extends DeadlineTestBase {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    @Qualifier("requestDeadlineTask")
    OneTimeTask<Void> deadlineTask;

    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void theSweepPassesOverARequestAnotherTaskHoldsAndTheNextSweepEndsIt(CapturedOutput output) throws Exception {
        String id = scene.requestLivingTwoHours();
        clock.advance(Duration.ofHours(2));

        // the sweep may settle other tests' requests, on a database they share: only this one is counted
        whileHeld(id, timers::sweep);

        assertThat(scene.read(id).get("status").asString()).isEqualTo("PENDING");
        timers.sweep();
        assertThat(scene.read(id).get("status").asString()).isEqualTo("EXPIRED");
        assertNothingOfTheRowLogged(output, id);
    }

    @Test
    void aDeadlineTaskThatFindsItsRequestHeldLooksAgainSoonAndThenEndsIt(CapturedOutput output) throws Exception {
        String id = scene.requestWhoseStepTimesOut("REJECT");
        clock.advance(Duration.ofMinutes(30));
        Instant due = clock.instant();

        whileHeld(id, () -> runDeadlineTask(id, due));

        assertThat(scene.read(id).get("status").asString()).isEqualTo("PENDING");
        Instant again = due.plus(RequestTimerTask.HELD_RETRY);
        assertThat(timersOf(id)).contains(again);
        clock.advance(RequestTimerTask.HELD_RETRY);
        runDeadlineTask(id, again);
        assertThat(scene.read(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(scene.systemActions(id)).containsExactly("request.rejected");
        assertNothingOfTheRowLogged(output, id);
    }

    @Test
    void aDeadlineTaskThatFindsNothingDueSchedulesNothing() {
        String id = scene.requestWhoseStepTimesOut("REJECT");
        List<Instant> before = timersOf(id);

        runDeadlineTask(id, clock.instant());

        assertThat(timersOf(id)).isEqualTo(before);
        assertThat(scene.read(id).get("status").asString()).isEqualTo("PENDING");
    }

    /** Runs the deadline task's instance for this request and instant, as the scheduler would. */
    private Void runDeadlineTask(String id, Instant due) {
        deadlineTask.execute(
                new TaskInstance<>(RequestTimerTask.DEADLINE_TASK, RequestTimerTask.instanceId(id, due)),
                new ExecutionContext(null, null, scheduler, null));
        return null;
    }

    /** Runs {@code timer} while another transaction holds the request's row lock. */
    private <T> T whileHeld(String id, Callable<T> timer) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Future<?> holding = threads.submit(() -> transactions.executeWithoutResult(tx -> {
            jdbc.sql("select id from access_requests where id = ? for update")
                    .param(id)
                    .query(String.class)
                    .single();
            held.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        held.await();
        try {
            // a timer that waited for the row would wait as long as it is held
            return threads.submit(timer).get(10, TimeUnit.SECONDS);
        } finally {
            done.countDown();
            holding.get();
        }
    }

    private static void assertNothingOfTheRowLogged(CapturedOutput output, String id) {
        assertThat(output.getAll())
                .doesNotContain("Unhandled exception")
                .doesNotContain("policy_snapshot")
                .doesNotContain("\"steps\"")
                .doesNotContain("Timeout trying to lock");
    }
}
