package io.countersign.notify;

/** How many notifications waiting for a destination that went away were discarded. */
public record DiscardedNotifications(int pending, int dead) {}
