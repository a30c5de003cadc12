package io.countersign.mail.internal.inbound;

/**
 * The administrator's current mail settings; asked again before every connection and every pass over
 * the folder, so that turning "Approve by Mail" off or changing the folder takes effect without a
 * restart.
 */
public interface InboundSettingsSource {

    InboundSettings current();
}
