package io.countersign.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code countersign.request.timer-interval}: how often the safety-net sweep looks for pending
 * requests past their time-to-live or a step deadline that no one-time timer handled (default one
 * minute; each deadline has its own timer that fires on time).
 */
@ConfigurationProperties("countersign.request")
public record RequestProperties(Duration timerInterval) {

    public RequestProperties {
        if (timerInterval == null) {
            timerInterval = Duration.ofMinutes(1);
        }
    }
}
