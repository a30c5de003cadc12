package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSettings;
import java.util.List;

/** Settings a test turns on and off; off until a test says otherwise. */
class TestMailSettings implements InboundSettingsSource {

    private volatile InboundSettings current = InboundSettings.off();

    @Override
    public InboundSettings current() {
        return current;
    }

    void reading(MailSettings.Imap endpoint, String... keywords) {
        current = new InboundSettings(true, endpoint, List.of(keywords));
    }

    void off() {
        current = InboundSettings.off();
    }
}
