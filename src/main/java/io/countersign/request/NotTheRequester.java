package io.countersign.request;

import io.countersign.shared.ForbiddenException;

/** Only the person a request is for may cancel it. */
public class NotTheRequester extends ForbiddenException {

    NotTheRequester(String username, String requestId) {
        super("'" + username + "' did not ask for request " + requestId + " and may not cancel it.");
    }
}
