package io.countersign.notify;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where every notification test starts: a scene with nothing left over from the test before, the
 * sender that records what was sent, and dev, who asks, and lisa, who is asked. Test classes add the
 * people their story needs after these two.
 */
abstract class NotificationSceneTestBase {

    @Autowired
    NotificationScene scene;

    @Autowired
    RecordingSender sender;

    @Autowired
    Api api;

    Person dev;
    Person lisa;

    @BeforeEach
    void freshSceneWithDevAndLisa() {
        scene.startFresh();
        dev = scene.person("dev");
        lisa = scene.person("lisa");
    }
}
