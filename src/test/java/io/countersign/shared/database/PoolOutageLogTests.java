package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.testing.MutableClock;
import io.countersign.testing.SoleLogFilter;
import java.net.ConnectException;
import java.sql.SQLException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The lines the pools and transactions write while the database is out of reach, as they write them. */
@ExtendWith(OutputCaptureExtension.class)
class PoolOutageLogTests {

    private static final Logger POOL = LoggerFactory.getLogger("com.zaxxer.hikari.pool.PoolBase");
    private static final Log TRANSACTIONS =
            LogFactory.getLog("org.springframework.transaction.support.TransactionTemplate");

    final MutableClock clock = new MutableClock();
    final PoolOutageLog outageLog = new PoolOutageLog(clock);

    @RegisterExtension
    final SoleLogFilter alone = SoleLogFilter.of(outageLog);

    @Test
    void aPoolThatCannotConnectSaysSoInOneLineWithTheCause(CapturedOutput output) {
        POOL.warn("{} - Pool is empty, failed to create/setup connection ({})", "audit-sealer", "conn7", refused());

        assertWarnsInOneLineWithTheRefusal(
                output, "audit-sealer - Pool is empty, failed to create/setup connection (conn7)");
        assertThat(output.getOut()).contains("Connection to 127.0.0.1:5432 refused");
    }

    @Test
    void aConnectionThatBreaksMidCallIsMarkedBrokenInOneLine(CapturedOutput output) {
        LoggerFactory.getLogger("com.zaxxer.hikari.pool.ProxyConnection")
                .warn(
                        "{} - Connection {} marked as broken because of SQLSTATE({}), ErrorCode({})",
                        "notifications",
                        "PgConnection@1",
                        "08006",
                        0,
                        new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        assertThat(output.getOut())
                .contains("notifications - Connection PgConnection@1 marked as broken because of SQLSTATE(08006)")
                .contains("An I/O error occurred while sending to the backend.")
                .doesNotContain("\tat ");
    }

    @Test
    void aRollbackThatFailsAfterAnOutageLogsTheFirstFailureInOneLine(CapturedOutput output) {
        TRANSACTIONS.error("Application exception overridden by rollback exception", refused());

        assertWarnsInOneLineWithTheRefusal(output, "Application exception overridden by rollback exception");
    }

    @Test
    void aTransactionalMethodWhoseRollbackFailsInAnOutageWarnsInOneLine(CapturedOutput output) {
        // the mail-reply watcher's calls are transactional methods, whose interceptor logs the failure
        LogFactory.getLog("org.springframework.transaction.interceptor.TransactionInterceptor")
                .error("Application exception overridden by rollback exception", refused());

        assertWarnsInOneLineWithTheRefusal(output, "Application exception overridden by rollback exception");
    }

    @Test
    void failedValidationsOfEveryPooledConnectionBecomeOneLineAMinutePerPool(CapturedOutput output) {
        for (int i = 0; i < 20; i++) {
            POOL.warn(
                    "{} - Failed to validate connection {} ({}). Possibly consider using a shorter maxLifetime value.",
                    "HikariPool-1",
                    "conn" + i,
                    "This connection has been closed.");
        }
        assertThat(output.getOut().lines().filter(line -> line.contains("Failed to validate connection")))
                .hasSize(1);

        clock.advance(RefusalAuditLimiter.WINDOW);
        POOL.warn(
                "{} - Failed to validate connection {} ({}). Possibly consider using a shorter maxLifetime value.",
                "HikariPool-1",
                "conn20",
                "This connection has been closed.");

        assertThat(output.getOut().lines().filter(line -> line.contains("Failed to validate connection")))
                .hasSize(2)
                .last()
                .asString()
                .contains("conn20")
                .contains("19 more like it");
    }

    @Test
    void anyOtherFailureIsLoggedInFull(CapturedOutput output) {
        TRANSACTIONS.error(
                "Application exception overridden by rollback exception", new IllegalStateException("a bug"));

        assertThat(output.getOut())
                .contains("java.lang.IllegalStateException: a bug")
                .contains("\tat ");
    }

    /** {@code message} as a WARN, never an ERROR, and the refusal that caused it after it on the same line. */
    private static void assertWarnsInOneLineWithTheRefusal(CapturedOutput output, String message) {
        assertThat(output.getOut())
                .contains("WARN")
                .contains(message + ": ")
                .contains("ConnectException: Connection refused")
                .doesNotContain("ERROR")
                .doesNotContain("\tat ");
    }

    private static SQLException refused() {
        return new SQLException(
                "Connection to 127.0.0.1:5432 refused.", "08001", new ConnectException("Connection refused"));
    }
}
