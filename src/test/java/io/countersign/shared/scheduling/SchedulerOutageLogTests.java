package io.countersign.shared.scheduling;

import static io.countersign.shared.scheduling.OutageFailures.poolBusy;
import static io.countersign.shared.scheduling.OutageFailures.poolTimedOut;
import static io.countersign.shared.scheduling.OutageFailures.refused;
import static io.countersign.shared.scheduling.OutageFailures.rollbackFailedAfter;
import static io.countersign.shared.scheduling.OutageFailures.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.testing.MutableClock;
import io.countersign.testing.SoleLogFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SchedulerOutageLogTests {

    private static final Logger POLLING = LoggerFactory.getLogger("com.github.kagkarlsson.scheduler.RunUntilShutdown");
    private static final Logger HOUSEKEEPING =
            LoggerFactory.getLogger("com.github.kagkarlsson.scheduler.RunAndLogErrors");

    final MutableClock clock = new MutableClock();
    final SchedulerOutageLog outageLog = new SchedulerOutageLog(clock);

    @RegisterExtension
    final SoleLogFilter alone = SoleLogFilter.of(outageLog);

    @Test
    void aFailedPassForAnUnreachableDatabaseIsOneLineAMinuteWithoutItsStackTrace(CapturedOutput output) {
        POLLING.error("Unhandled exception. Will keep running.", refused());
        HOUSEKEEPING.error("Unhandled exception. Will keep running.", poolTimedOut());
        POLLING.error("Unhandled exception. Will keep running.", refused());

        assertThat(output.getOut())
                .contains("Timers and deliveries wait: the scheduler cannot reach the database"
                        + " (ConnectException: Connection refused)")
                .doesNotContain("Unhandled exception")
                .doesNotContain("\tat ");
        assertThat(output.getOut().lines().filter(line -> line.contains("Timers and deliveries wait")))
                .hasSize(1);

        clock.advance(RefusalAuditLimiter.WINDOW);
        POLLING.error("Unhandled exception. Will keep running.", poolTimedOut());

        assertThat(output.getOut().lines().filter(line -> line.contains("Timers and deliveries wait")))
                .hasSize(2)
                .last()
                .asString()
                .contains("ConnectException: Connection refused")
                .contains("2 more like it");
    }

    @Test
    void aFailedPassForABusyPoolSaysThePoolIsBusyOnceAMinuteApartFromAnOutage(CapturedOutput output) {
        POLLING.error("Unhandled exception. Will keep running.", poolBusy());
        HOUSEKEEPING.error("Unhandled exception. Will keep running.", poolBusy());
        POLLING.error("Unhandled exception. Will keep running.", refused());

        assertThat(output.getOut().lines().filter(line -> line.contains("Timers and deliveries wait")))
                .hasSize(2)
                .satisfiesExactly(
                        busy -> assertThat(busy)
                                .contains("Timers and deliveries wait: the scheduler found every database"
                                        + " connection in use (SQLTransientConnectionException: HikariPool-1 -"
                                        + " Connection is not available, request timed out after 5000ms)")
                                .doesNotContain("cannot reach"),
                        outage -> assertThat(outage)
                                .contains("Timers and deliveries wait: the scheduler cannot reach the database"
                                        + " (ConnectException: Connection refused)"));
        assertThat(output.getOut()).doesNotContain("Unhandled exception").doesNotContain("\tat ");
    }

    @Test
    void aFailedPassForADatabaseThatDidNotAnswerInTimeDoesNotCallItOutOfReach(CapturedOutput output) {
        POLLING.error("Unhandled exception. Will keep running.", unanswered());
        HOUSEKEEPING.error("Unhandled exception. Will keep running.", unanswered());
        POLLING.error("Unhandled exception. Will keep running.", refused());

        assertThat(output.getOut().lines().filter(line -> line.contains("Timers and deliveries wait")))
                .satisfiesExactly(
                        unanswered -> assertThat(unanswered)
                                .contains("Timers and deliveries wait: the scheduler's database did not answer in"
                                        + " time (SQLTimeoutException: Query timed out)")
                                .doesNotContain("cannot reach"),
                        refused -> assertThat(refused)
                                .contains("Timers and deliveries wait: the scheduler cannot reach the database"));
        assertThat(output.getOut()).doesNotContain("Unhandled exception").doesNotContain("\tat ");
    }

    @Test
    void aPassWhoseRollbackFailedOnTheBrokenConnectionCountsAsTheOutageItCarries(CapturedOutput output) {
        POLLING.error("Unhandled exception. Will keep running.", rollbackFailedAfter(refused()));

        assertThat(output.getOut())
                .contains("Timers and deliveries wait: the scheduler cannot reach the database"
                        + " (ConnectException: Connection refused)")
                .doesNotContain("\tat ");
    }

    @Test
    void anExecutionsHeartbeatCompletionOrFailureForAnUnreachableDatabaseIsOneLineEach(CapturedOutput output) {
        LoggerFactory.getLogger("com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepository")
                .warn("Failed to update heartbeat. No more retries.", rollbackFailedAfter(refused()));
        LoggerFactory.getLogger("com.github.kagkarlsson.scheduler.ExecutePicked")
                .error(
                        "Failed while completing execution {}, because {}.",
                        "Execution: task=webhook-delivery",
                        "SQLRuntimeException",
                        poolTimedOut());
        LoggerFactory.getLogger("com.github.kagkarlsson.scheduler.Scheduler")
                .warn(
                        "{} {} during execution of task with name '{}'. Treating as failure.",
                        "Unhandled exception",
                        "DatabaseUnavailableException",
                        "request-deadline",
                        refused());

        assertThat(output.getOut())
                .contains("Failed to update heartbeat. No more retries.: ")
                .contains("Failed while completing execution Execution: task=webhook-delivery, because"
                        + " SQLRuntimeException.: ")
                .contains("Failed to fetch due executions. (java.net.ConnectException: Connection refused)")
                .contains("during execution of task with name 'request-deadline'. Treating as failure.: ")
                .contains("ConnectException: Connection refused")
                .doesNotContain("\tat ");
    }

    @Test
    void anExecutionsOtherFailureIsLoggedInFull(CapturedOutput output) {
        LoggerFactory.getLogger("com.github.kagkarlsson.scheduler.ExecutePicked")
                .error(
                        "Failed while completing execution {}.",
                        "Execution: task=x",
                        new IllegalStateException("a bug"));

        assertThat(output.getOut())
                .contains("java.lang.IllegalStateException: a bug")
                .contains("\tat ");
    }

    @Test
    void anyOtherFailureOfTheSchedulerIsLoggedInFull(CapturedOutput output) {
        POLLING.error("Unhandled exception. Will keep running.", new IllegalStateException("a bug"));

        assertThat(output.getOut())
                .contains("Unhandled exception. Will keep running.")
                .contains("java.lang.IllegalStateException: a bug")
                .contains("\tat ")
                .doesNotContain("Timers and deliveries wait");
    }

    @Test
    void otherLoggersAreLeftAloneEvenForAnUnreachableDatabase(CapturedOutput output) {
        LoggerFactory.getLogger(SchedulerOutageLogTests.class).error("The sealer failed", refused());

        assertThat(output.getOut())
                .contains("The sealer failed")
                .contains("Connection refused")
                .doesNotContain("Timers and deliveries wait");
    }

    @Test
    void onceRemovedItNoLongerFilters(CapturedOutput output) {
        outageLog.destroy();

        POLLING.error("Unhandled exception. Will keep running.", refused());

        assertThat(output.getOut()).contains("Unhandled exception. Will keep running.");
    }
}
