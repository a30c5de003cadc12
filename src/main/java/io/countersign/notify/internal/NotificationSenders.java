package io.countersign.notify.internal;

import io.countersign.notify.NotificationSender;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The senders registered as beans, by channel. A channel without a sender gets no deliveries at all,
 * so that mail, say, is not queued before it is configured.
 */
@Component
public class NotificationSenders {

    /** The channels people may subscribe to whether or not their sender is installed yet. */
    public static final Set<String> USER_CHANNELS = Set.of("EMAIL", "SLACK", "TEAMS", "DISCORD", "TELEGRAM");

    private final Map<String, NotificationSender> byChannel = new TreeMap<>();

    public NotificationSenders(List<NotificationSender> senders) {
        for (NotificationSender sender : senders) {
            String channel = sender.channel().toUpperCase(Locale.ROOT);
            NotificationSender earlier = byChannel.putIfAbsent(channel, sender);
            if (earlier != null) {
                throw new IllegalStateException("Two notification senders for channel " + channel + ": "
                        + earlier.getClass().getName() + " and "
                        + sender.getClass().getName());
            }
        }
    }

    public Optional<NotificationSender> forChannel(String channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }

    /** The channels a sender is installed for. */
    public Set<String> channels() {
        return byChannel.keySet();
    }

    public boolean any() {
        return !byChannel.isEmpty();
    }

    public boolean installed(String channel) {
        return byChannel.containsKey(channel);
    }

    /** Whether the channel has a sender that can send now: what a delivery is queued for. */
    public boolean ready(String channel) {
        NotificationSender sender = byChannel.get(channel);
        return sender != null && sender.configured();
    }

    /** Whether a person subscribed to the channel themselves can be told on it now. */
    public boolean readyForSubscribers(String channel) {
        NotificationSender sender = byChannel.get(channel);
        return sender != null && sender.configuredForSubscribers();
    }

    /** What the channel's sender waits for before it can send, if anything (see {@link NotificationSender#waitingFor}). */
    public Optional<String> waitingFor(String channel) {
        NotificationSender sender = byChannel.get(channel);
        return sender == null ? Optional.empty() : sender.waitingFor();
    }

    /** Whether a subscription may name the channel: a user-facing one, or one a sender is installed for. */
    public boolean known(String channel) {
        return USER_CHANNELS.contains(channel) || byChannel.containsKey(channel);
    }
}
