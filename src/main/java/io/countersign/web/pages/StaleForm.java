package io.countersign.web.pages;

import io.countersign.shared.ConflictException;

/**
 * An edit form opened at a version that is no longer the stored one: someone saved a change meanwhile,
 * or deleted what the form edits, which then has no current version to open.
 */
public class StaleForm extends ConflictException {

    private final boolean deleted;

    private StaleForm(String message, boolean deleted) {
        super(message);
        this.deleted = deleted;
    }

    static StaleForm changed(String what) {
        return new StaleForm(
                "someone else changed " + what + " after this form was opened. Your changes are kept below;"
                        + " open the current version, then make them again.",
                false);
    }

    static StaleForm deleted(String what) {
        return new StaleForm(
                "someone else deleted " + what + " after this form was opened. Your changes are kept below.", true);
    }

    /** Whether what the form edits is gone, so that no current version may be offered. */
    public boolean deleted() {
        return deleted;
    }
}
