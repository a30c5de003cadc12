package io.countersign.grant;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Grant timers.
 *
 * @param timerInterval how often a safety-net sweep looks for grant starts and ends that no timer
 *     recorded (each start and end has its own timer that fires on time); the same on every instance,
 *     whose timer it shares
 */
@ConfigurationProperties("countersign.grant")
public record GrantProperties(@DefaultValue("1m") Duration timerInterval) {

    public GrantProperties {
        Setting.of("countersign.grant.timer-interval").requirePositive(timerInterval);
    }
}
