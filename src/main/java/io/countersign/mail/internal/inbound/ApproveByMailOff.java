package io.countersign.mail.internal.inbound;

/**
 * Approve by Mail was switched off while replies were being read: the reply is neither applied nor
 * refused, and stays in the folder with the rest of the pass.
 */
final class ApproveByMailOff extends RuntimeException {

    ApproveByMailOff() {
        super("Approve by Mail is off", null, false, false);
    }
}
