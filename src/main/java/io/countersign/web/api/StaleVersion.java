package io.countersign.web.api;

import io.countersign.shared.CountersignException;

/**
 * An If-Match that names a version other than the stored one: someone changed the object meanwhile,
 * or the object carries no version at all.
 */
class StaleVersion extends CountersignException {

    StaleVersion() {
        this("The object changed since the version named in If-Match was read; read it again (GET answers"
                + " its current ETag), reapply your change and send it with the new ETag. Nothing was changed.");
    }

    StaleVersion(String detail) {
        super(detail);
    }

    @Override
    public String title() {
        return "Precondition failed";
    }
}
