package io.countersign.mail;

import io.countersign.notify.RecordedEvents;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.PromptDeliveries;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link CountersignTest} with a fixed encryption key, a public address and an instance name of
 * its own, and a recorder of audited events. The mail test classes share this application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CountersignTest
@PromptDeliveries
@TestPropertySource(
        properties = {
            "countersign.encryption-key=vz7yMsa4D+8DwWlZixIfA9wuIVAcblbbe9Fsi7swKi4=",
            "countersign.base-url=https://countersign.example.com/",
            "countersign.instance-name=" + MailTest.INSTANCE_NAME,
            "countersign.mail.connect-timeout=5s",
            "countersign.mail.timeout=10s"
        })
@Import(RecordedEvents.class)
public @interface MailTest {

    String INSTANCE_NAME = "Acme PAM";
}
