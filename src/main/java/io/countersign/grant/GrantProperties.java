package io.countersign.grant;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code countersign.grant.timer-interval}: how often the safety-net sweep looks for grant starts and
 * ends that no one-time timer recorded (default one minute; each start and end has its own timer that
 * fires on time).
 */
@ConfigurationProperties("countersign.grant")
public record GrantProperties(Duration timerInterval) {

    public GrantProperties {
        if (timerInterval == null) {
            timerInterval = Duration.ofMinutes(1);
        }
    }
}
