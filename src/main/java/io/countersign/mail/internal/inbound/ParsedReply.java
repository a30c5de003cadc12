package io.countersign.mail.internal.inbound;

import io.countersign.shared.LoggedText;
import java.util.List;

/**
 * A reply that looks like an answer to one of our notifications, for the {@link ReplyDecider} to
 * judge. Nothing here is trusted yet: the decider checks the token against the request, the step and
 * the sender.
 *
 * @param requestId the request named by the subject's {@code #<id>} or by the references
 * @param token the action token from the recipient's plus address or the {@code Reply code:} line
 * @param sender the {@code From} address, lower-cased
 * @param references the message ids of {@code In-Reply-To} and {@code References}
 * @param approve whether the first word of the first line approves
 * @param comment the whole first line, cleaned and shortened
 */
public record ParsedReply(
        String requestId, String token, String sender, List<String> references, boolean approve, String comment) {

    public ParsedReply {
        references = List.copyOf(references);
    }

    @Override
    public String toString() {
        // the token decides a request: keep it out of logs and exception messages
        return "ParsedReply[" + requestId + " from " + LoggedText.printable(sender, ReplyParser.MAX_ADDRESS)
                + (approve ? " approves" : " rejects") + "]";
    }
}
