package io.countersign.web.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Callers waiting for a request's decision.
 *
 * @param waiterPoll how often one shared query looks for waited requests another instance decided (on
 *     the embedded database, and for notifications missed while PostgreSQL's listening connection was
 *     down)
 */
@ConfigurationProperties("countersign.requests")
public record WaiterProperties(@DefaultValue("PT0.25S") Duration waiterPoll) {

    public WaiterProperties {
        // the poll's period is whole milliseconds: less than one would schedule it with none at all
        if (waiterPoll.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "countersign.requests.waiter-poll (COUNTERSIGN_REQUESTS_WAITER_POLL) must be at least 1 ms,"
                            + " e.g. PT0.25S");
        }
    }
}
