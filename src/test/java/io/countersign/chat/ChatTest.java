package io.countersign.chat;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.RecordedEvents;
import io.countersign.notify.RecordingSender;
import io.countersign.testing.AuditNotes;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.PromptDeliveries;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link CountersignTest} with a fixed encryption key, a public address, the notification scene and the
 * audit trail's notes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CountersignTest
@PromptDeliveries
@TestPropertySource(
        properties = {
            "countersign.encryption-key=vz7yMsa4D+8DwWlZixIfA9wuIVAcblbbe9Fsi7swKi4=",
            "countersign.base-url=https://countersign.example.com/"
        })
@Import({RecordingSender.class, NotificationScene.class, RecordedEvents.class, AuditNotes.class})
public @interface ChatTest {}
