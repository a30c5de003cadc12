package io.countersign.mail.internal.inbound;

/**
 * The administrator's current mail settings; asked again before every connection and every pass over
 * the folder, so that turning "Approve by Mail" off or changing the folder takes effect without a
 * restart.
 */
public interface InboundSettingsSource {

    InboundSettings current();

    /**
     * Whether reading is still on, asked in each reply's transaction before the reply is applied or
     * refused; the answer must hold until that transaction ends.
     */
    default boolean stillReading() {
        return current().reading();
    }
}
