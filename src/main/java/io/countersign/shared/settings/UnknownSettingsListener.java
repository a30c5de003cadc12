package io.countersign.shared.settings;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Names the misspelt settings once per start, whether the start succeeds or is refused: a start refused
 * for another setting (a bad key, a database it cannot reach) may be refused because of the misspelt
 * one, and a bean never created could not say so. Registered in {@code META-INF/spring.factories}, so
 * it hears of a failure before the context exists, with the environment the start prepared.
 */
class UnknownSettingsListener implements ApplicationListener<SpringApplicationEvent> {

    private ConfigurableEnvironment environment;
    private boolean warned;

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            environment = prepared.getEnvironment();
        } else if ((event instanceof ApplicationStartedEvent || event instanceof ApplicationFailedEvent)
                && environment != null
                && !warned) {
            // a start that fails after it started (a runner's failure) is reported as failed too
            warned = true;
            new UnknownSettingsWarning(environment).warn();
        }
    }
}
