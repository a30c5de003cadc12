package io.countersign.policy;

/**
 * The chat channels a policy step may name in {@code notify}. Implemented by the module that keeps
 * the channels, so that a policy never names one that does not exist; without it, no name does.
 */
public interface NotifyChannels {

    boolean exists(String name);
}
