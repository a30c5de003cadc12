package io.countersign.web.pages;

import io.countersign.shared.ConflictException;

/** An edit form opened at a version that is no longer the stored one: someone saved a change meanwhile. */
public class StaleForm extends ConflictException {

    StaleForm(String what) {
        super("someone else changed " + what + " after this form was opened. Your changes are kept below;"
                + " open the current version, then make them again.");
    }
}
