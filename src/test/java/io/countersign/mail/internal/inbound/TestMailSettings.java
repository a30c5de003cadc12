package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSettings;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Settings a test turns on and off; off until a test says otherwise. Each change tells the
 * application's watcher, and the stand-ins a test names, as a save tells the watcher of its instance.
 */
class TestMailSettings implements InboundSettingsSource {

    private final ObjectProvider<MailboxWatcher> watcher;
    private final Set<MailboxWatcher> standIns = ConcurrentHashMap.newKeySet();
    private volatile InboundSettings current = InboundSettings.off();
    private volatile boolean switchedOffUnseen;

    TestMailSettings(ObjectProvider<MailboxWatcher> watcher) {
        this.watcher = watcher;
    }

    @Override
    public InboundSettings current() {
        return current;
    }

    @Override
    public boolean stillReading() {
        return current.reading() && !switchedOffUnseen;
    }

    void reading(MailSettings.Imap endpoint, String... keywords) {
        switchedOffUnseen = false;
        current = new InboundSettings(true, endpoint, List.of(keywords));
        changed();
    }

    /**
     * Reading switched off by a save the watcher has not seen yet: the settings it reads still say on,
     * but a reply's transaction finds reading off.
     */
    void switchedOffUnseen() {
        switchedOffUnseen = true;
    }

    void off() {
        switchedOffUnseen = false;
        current = InboundSettings.off();
        changed();
    }

    /** Tells this stand-in of each change too, until {@link #forget}. */
    void tell(MailboxWatcher standIn) {
        standIns.add(standIn);
    }

    void forget(MailboxWatcher standIn) {
        standIns.remove(standIn);
    }

    private void changed() {
        watcher.ifAvailable(MailboxWatcher::settingsChanged);
        standIns.forEach(MailboxWatcher::settingsChanged);
    }
}
