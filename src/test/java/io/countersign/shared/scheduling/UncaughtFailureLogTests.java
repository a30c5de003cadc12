package io.countersign.shared.scheduling;

import static io.countersign.shared.scheduling.OutageFailures.refused;
import static io.countersign.shared.scheduling.OutageFailures.rollbackFailedAfter;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class UncaughtFailureLogTests {

    final Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    final MutableClock clock = new MutableClock();
    final UncaughtFailureLog uncaught = new UncaughtFailureLog(clock);

    @AfterEach
    void putBackWhatWasThere() {
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    @Test
    void aThreadStoppedByAnUnreachableDatabaseIsOneLineAMinuteInTheLog(CapturedOutput output) throws Exception {
        die("scheduler-pick-1", rollbackFailedAfter(refused()));
        die("scheduler-pick-2", refused());

        assertThat(output.getOut())
                .contains("Thread scheduler-pick-1 stopped: the database is out of reach"
                        + " (ConnectException: Connection refused)")
                .doesNotContain("scheduler-pick-2")
                .doesNotContain("\tat ");
        assertThat(output.getErr()).doesNotContain("Exception in thread");

        clock.advance(RefusalAuditLimiter.WINDOW);
        die("scheduler-pick-3", refused());

        assertThat(output.getOut()).contains("Thread scheduler-pick-3 stopped", "1 more like it");
    }

    @Test
    void anyOtherEscapedFailureIsLoggedWithItsStackTrace(CapturedOutput output) throws Exception {
        die("worker", new IllegalStateException("a bug"));

        assertThat(output.getOut())
                .contains("Thread worker stopped on a failure nothing caught")
                .contains("java.lang.IllegalStateException: a bug")
                .contains("\tat ");
    }

    @Test
    void onceDestroyedTheHandlerBeforeItIsBack() {
        uncaught.destroy();

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    }

    private static void die(String name, RuntimeException failure) throws InterruptedException {
        Thread thread = new Thread(
                () -> {
                    throw failure;
                },
                name);
        thread.start();
        thread.join();
    }
}
