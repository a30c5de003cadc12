package io.countersign.grant;

import io.countersign.shared.ForbiddenException;

/** Only a grant's holder may ask for more time on it; an administrator or auditor sees it but may not. */
public class NotTheHolder extends ForbiddenException {

    NotTheHolder(String grantId) {
        super("Grant " + grantId + " is not yours: only its holder may ask to extend it.");
    }
}
