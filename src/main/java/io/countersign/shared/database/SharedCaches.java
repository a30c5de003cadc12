package io.countersign.shared.database;

import java.time.Duration;
import org.springframework.stereotype.Component;

/** Makes the {@link SharedCache}s, each on a notification channel of its own. */
@Component
public class SharedCaches {

    private final DatabaseNotifications notifications;
    private final NotificationFence fence;

    SharedCaches(DatabaseNotifications notifications, NotificationFence fence) {
        this.notifications = notifications;
        this.fence = fence;
    }

    /**
     * A cache forgotten on every instance when a change of it commits, and whose values are read
     * again after {@code maxAge} at the latest. Call while the application starts, before the
     * notifications listen.
     */
    public <K, V> SharedCache<K, V> create(String channel, Duration maxAge) {
        return new SharedCache<>(channel, maxAge, notifications);
    }

    /**
     * A cache whose values are used only while they are as fresh as a read of the database ({@link
     * FreshCache}); otherwise as {@link #create}.
     */
    public <K, V> FreshCache<K, V> createFresh(String channel, Duration maxAge) {
        return new FreshCache<>(create(channel, maxAge), fence);
    }
}
