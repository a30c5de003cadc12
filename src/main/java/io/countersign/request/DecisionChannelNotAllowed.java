package io.countersign.request;

import io.countersign.shared.ForbiddenException;

/** The step may not be decided from where this decision came (a high-risk step decided only on the web). */
public class DecisionChannelNotAllowed extends ForbiddenException {

    DecisionChannelNotAllowed(String requestId, int step, String channel, java.util.List<String> allowed) {
        // people count steps from 1, as the pages and the other refusals do
        super("Step " + (step + 1) + " of request " + requestId + " may not be decided through " + channel
                + "; it may be decided through " + String.join(", ", allowed) + ".");
    }
}
