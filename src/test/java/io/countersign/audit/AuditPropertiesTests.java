package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class AuditPropertiesTests {

    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Duration HALF_SECOND = Duration.ofMillis(500);

    @Test
    void theDefaultsPass() {
        assertThatNoException()
                .isThrownBy(() -> new AuditProperties(1000, QUARTER, 500, HALF_SECOND, Duration.ZERO, 2));
    }

    @Test
    void eachSettingThatCannotWorkIsRefusedWithItsOwnVariable() {
        refused(
                () -> new AuditProperties(0, QUARTER, 500, HALF_SECOND, Duration.ZERO, 2),
                "COUNTERSIGN_AUDIT_VERIFY_BATCH_SIZE (countersign.audit.verify-batch-size) must be at least 1.");
        refused(
                () -> new AuditProperties(1000, Duration.ofMillis(999), 500, HALF_SECOND, Duration.ZERO, 2),
                "COUNTERSIGN_AUDIT_CHECKPOINT_INTERVAL (countersign.audit.checkpoint-interval) must be at least one"
                        + " second.");
        refused(
                () -> new AuditProperties(1000, QUARTER, 0, HALF_SECOND, Duration.ZERO, 2),
                "COUNTERSIGN_AUDIT_SEAL_BATCH_SIZE (countersign.audit.seal-batch-size) must be at least 1.");
        refused(
                () -> new AuditProperties(1000, QUARTER, 500, Duration.ofNanos(500_000), Duration.ZERO, 2),
                "COUNTERSIGN_AUDIT_SEAL_INTERVAL (countersign.audit.seal-interval) must be at least 1 ms, e.g. PT0.5S.");
        refused(
                () -> new AuditProperties(1000, QUARTER, 500, HALF_SECOND, Duration.ofMillis(-1), 2),
                "COUNTERSIGN_AUDIT_SEAL_WAIT (countersign.audit.seal-wait) must not be negative.");
    }

    private static void refused(Runnable properties, String reason) {
        assertThatThrownBy(properties::run)
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageEndingWith(reason);
    }
}
