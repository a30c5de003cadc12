package io.countersign.request;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request timers.
 *
 * @param timerInterval how often a safety-net sweep looks for request expiries and step timeouts that
 *     no timer handled (each deadline has its own timer that fires on time); the same on every
 *     instance, whose timer it shares
 */
@ConfigurationProperties("countersign.request")
public record RequestProperties(@DefaultValue("1m") Duration timerInterval) {

    public RequestProperties {
        Setting.of("countersign.request.timer-interval").requirePositive(timerInterval);
    }
}
