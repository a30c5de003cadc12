package io.countersign.notify;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.PromptDeliveries;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link CountersignTest} with a fixed encryption key, so that no key file is written, and a
 * recorder of the audited events. The webhook test classes share this one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CountersignTest
@PromptDeliveries
@TestPropertySource(properties = "countersign.encryption-key=" + WebhookTest.ENCRYPTION_KEY)
@Import({RecordedEvents.class, WebhookFixtures.class})
public @interface WebhookTest {

    String ENCRYPTION_KEY = "vz7yMsa4D+8DwWlZixIfA9wuIVAcblbbe9Fsi7swKi4=";
}
