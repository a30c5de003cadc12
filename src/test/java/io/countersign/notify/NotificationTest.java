package io.countersign.notify;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.PromptDeliveries;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * A {@link CountersignTest} with a sender installed for the {@code TEST} channel and a scene to build
 * requests with. The notification test classes share this one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CountersignTest
@PromptDeliveries
@Import({RecordingSender.class, NotificationScene.class, RecordedEvents.class})
public @interface NotificationTest {}
