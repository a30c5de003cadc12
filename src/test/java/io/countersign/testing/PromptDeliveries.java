package io.countersign.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Deliveries looked for every 200 ms instead of every second, and picked up as soon: the notification,
 * mail and chat tests wait for a delivery after most of their steps. Other contexts keep the defaults,
 * so that the tests of outages and of several instances see the scheduler's usual pace.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(
        properties = {"db-scheduler.polling-interval=200ms", "countersign.notifications.delivery-interval=200ms"})
public @interface PromptDeliveries {}
