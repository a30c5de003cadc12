package io.countersign.request;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code countersign.request.timer-interval}: how often pending requests are checked for an ended
 * time-to-live or a step past its deadline (default 15 seconds).
 */
@ConfigurationProperties("countersign.request")
public record RequestProperties(Duration timerInterval) {

    public RequestProperties {
        if (timerInterval == null) {
            timerInterval = Duration.ofSeconds(15);
        }
    }
}
