package io.countersign.web.api;

import io.countersign.shared.settings.Setting;
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
        Setting.of("countersign.requests.waiter-poll")
                .requireAtLeast(Duration.ofMillis(1), "1 ms, e.g. PT0.25S", waiterPoll);
    }
}
