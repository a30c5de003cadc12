package io.countersign.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Lets at most one refusal per source and reason into the audit log each minute (a chat channel's
 * refused call backs, a decision link's refused uses). The hash-chained log is written and sealed one
 * row at a time, so a stranger posting forged calls as fast as they can must not be able to grow it,
 * or slow it down, at their pace. Refusals held back are counted, and the next row recorded for that
 * source and reason says how many there were. The same thinning keeps a flood of like warnings out of
 * the service's log (calls answered 503 while the database is out of reach).
 *
 * <p>The count lives in this instance's memory: with several instances each lets its own row through
 * a minute, and a restart forgets what was held back. Callers key it only by configured names, the
 * ids of known users and a fixed set of reasons, never by what a stranger can choose, so the map
 * stays small.
 */
public final class RefusalAuditLimiter {

    public static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        Instant opened;
        long heldBack;
    }

    public RefusalAuditLimiter(Clock clock) {
        this.clock = clock;
    }

    /** How many were held back before this one, when this one is to be recorded; empty to hold it back. */
    public synchronized OptionalLong admit(String source, String reason) {
        Instant now = clock.instant();
        Window window = windows.computeIfAbsent(source + "\n" + reason, key -> new Window());
        if (window.opened != null && now.isBefore(window.opened.plus(WINDOW))) {
            window.heldBack++;
            return OptionalLong.empty();
        }
        long heldBack = window.heldBack;
        window.opened = now;
        window.heldBack = 0;
        return OptionalLong.of(heldBack);
    }

    /** The recorded row's note, saying how many like it were held back before it. */
    public static String noted(String note, long heldBack) {
        return heldBack == 0
                ? note
                : note + " (" + heldBack + " more like it since the last one recorded "
                        + (heldBack == 1 ? "was" : "were") + " not recorded)";
    }
}
