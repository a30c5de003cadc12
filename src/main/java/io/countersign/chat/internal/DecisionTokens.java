package io.countersign.chat.internal;

import io.countersign.request.ActionTokenRefused;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Channel;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The action token a chat message's buttons carry for one approver, where the step allows it. */
@Component
class DecisionTokens {

    private final ActionTokens tokens;

    DecisionTokens(ActionTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * A token for the approver on the message's open step, taken only through the callbacks of the
     * configured chat channel {@code chatChannel} that sends it; empty when the step allows no decision
     * from there.
     */
    Optional<String> forApprover(ChatMessage message, String approverId, Channel via, String chatChannel) {
        ChatMessage.Ask ask = message.ask();
        if (!message.open() || ask == null || approverId == null || !ask.step().allowsDecisionFrom(via.name())) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.issueForChat(ask.requestId(), ask.step().index(), approverId, via, chatChannel));
        } catch (ActionTokenRefused refused) {
            // not (or no longer) theirs to decide: the message carries the link only
            return Optional.empty();
        }
    }
}
