package io.countersign.web.pages;

import io.countersign.shared.RefusedException;

/**
 * An edit form sent without the version it was opened at: whether someone changed the object since
 * cannot be told, so saving it could overwrite their change unseen.
 */
public class FormWithoutVersion extends RefusedException {

    FormWithoutVersion(String what) {
        super(
                "version_missing",
                "this form does not say which version of " + what + " it was opened at, so saving it could"
                        + " overwrite a change made since. Open it again from its page, then make your changes there.");
    }
}
