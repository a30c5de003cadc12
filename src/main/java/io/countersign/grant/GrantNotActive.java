package io.countersign.grant;

import io.countersign.shared.ConflictException;

/**
 * A revocation or an extension reached a grant that has already ended or was revoked, or an extension
 * reached a grant whose clock has not started.
 */
public class GrantNotActive extends ConflictException {

    GrantNotActive(String grantId, GrantStatus status) {
        this(grantId, status, "revoked");
    }

    /** {@code what} is what the grant can no longer be: revoked, extended. */
    GrantNotActive(String grantId, GrantStatus status, String what) {
        super("Grant " + grantId + " is " + status + " and can no longer be " + what + ".");
    }

    private GrantNotActive(String message) {
        super(message);
    }

    /** An extension asked of a grant still waiting for its first use: its clock has not started yet. */
    static GrantNotActive awaitingFirstUse(String grantId) {
        return new GrantNotActive("Grant " + grantId
                + " is APPROVED_UNUSED: its clock starts at its first use, and only then can it be extended.");
    }
}
