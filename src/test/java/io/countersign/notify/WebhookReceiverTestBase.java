package io.countersign.notify;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where webhook delivery tests start: no webhook left from another test, and a receiver listening for
 * what is delivered. Both are cleared again after each test.
 */
abstract class WebhookReceiverTestBase {

    @Autowired
    WebhookFixtures fixtures;

    Receiver receiver;

    @BeforeEach
    void noWebhooksAndAListeningReceiver() throws Exception {
        fixtures.deleteAllWebhooks();
        receiver = new Receiver();
    }

    @AfterEach
    void removeWebhooksAndStopReceiver() {
        fixtures.deleteAllWebhooks();
        receiver.close();
    }
}
