package io.countersign.notify.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery settings ({@code countersign.notify.webhooks.*}). The defaults retry for a day:
 * 10 s, 20 s, 40 s … then hourly.
 *
 * @param initialBackoff wait before the first retry of a failed delivery; doubled on each further one
 * @param maxBackoff longest wait between two retries
 * @param retryFor how long a delivery is retried before it is given up as dead
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param readTimeout how long to wait for the answer's status line once connected
 * @param batchSize deliveries taken per run of a channel's delivery task
 * @param threads deliveries of one channel sent in parallel (each channel, webhooks included, has its own)
 * @param retention how long delivered events are kept for the deliveries list
 */
@ConfigurationProperties("countersign.notify.webhooks")
public record WebhookProperties(
        @DefaultValue("10s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("100") int batchSize,
        @DefaultValue("8") int threads,
        @DefaultValue("30d") Duration retention) {

    public WebhookProperties {
        for (Duration duration :
                List.of(initialBackoff, maxBackoff, retryFor, connectTimeout, readTimeout, retention)) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("countersign.notify.webhooks durations must be positive");
            }
        }
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("countersign.notify.webhooks.batch-size and threads must be at least 1");
        }
    }

    public RetrySchedule retrySchedule() {
        return new RetrySchedule(initialBackoff, maxBackoff, retryFor);
    }
}
