package io.countersign.grant;

import io.countersign.shared.ConflictException;

/** A revocation reached a grant that has already ended or was already revoked. */
public class GrantNotActive extends ConflictException {

    GrantNotActive(String grantId, GrantStatus status) {
        super("Grant " + grantId + " is " + status + " and can no longer be revoked.");
    }
}
