package io.countersign.request;

import io.countersign.shared.ConflictException;

/** A grant has one extension request pending at a time. */
public class ExtensionPending extends ConflictException {

    ExtensionPending(String grantId, String requestId) {
        super("Grant " + grantId + " already has the extension request " + requestId
                + " pending; wait for its decision or cancel it.");
    }
}
