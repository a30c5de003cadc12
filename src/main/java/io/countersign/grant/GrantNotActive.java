package io.countersign.grant;

import io.countersign.shared.ConflictException;

/** A revocation or an extension reached a grant that has already ended or was revoked. */
public class GrantNotActive extends ConflictException {

    GrantNotActive(String grantId, GrantStatus status) {
        this(grantId, status, "revoked");
    }

    /** {@code what} is what the grant can no longer be: revoked, extended. */
    GrantNotActive(String grantId, GrantStatus status, String what) {
        super("Grant " + grantId + " is " + status + " and can no longer be " + what + ".");
    }
}
