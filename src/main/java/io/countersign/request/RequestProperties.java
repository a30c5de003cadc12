package io.countersign.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request timers.
 *
 * @param timerInterval how often a safety-net sweep looks for request expiries and step timeouts that
 *     no timer handled (each deadline has its own timer that fires on time)
 */
@ConfigurationProperties("countersign.request")
public record RequestProperties(@DefaultValue("1m") Duration timerInterval) {

    public RequestProperties {
        if (timerInterval.isNegative() || timerInterval.isZero()) {
            throw new IllegalArgumentException("countersign.request.timer-interval must be positive");
        }
    }
}
