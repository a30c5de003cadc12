package io.countersign.mail.internal.inbound;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.mail.internal.MailNotifications;
import io.countersign.request.ActionTokenRefused;
import io.countersign.request.ActionTokenView;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Channel;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides a reply with the action token it carries, as the approver the token was mailed to. Only a
 * reply code ({@code EMAIL}) counts: a decision link's token pasted into a reply is unknown here. The
 * token alone is not enough: the reply must come from the address that approval mail went to, and
 * that address must belong to exactly one active user, who must be that approver; the reply of an
 * approver deactivated or deleted since is refused as one who may no longer decide, the reason a
 * decision link gives. Everything else (the step still open, the token unused, separation of duties,
 * deadlines) is checked where every decision is, by {@link ActionTokens#redeem}.
 */
@Component
class TokenReplyDecider implements ReplyDecider {

    private final ActionTokens tokens;
    private final MailNotifications sent;
    private final Directory directory;

    TokenReplyDecider(ActionTokens tokens, MailNotifications sent, Directory directory) {
        this.tokens = tokens;
        this.sent = sent;
        this.directory = directory;
    }

    @Override
    public Outcome decide(ParsedReply reply) {
        Optional<ActionTokenView> found = tokens.peek(reply.token(), Channel.EMAIL);
        if (found.isEmpty()) {
            return Outcome.refused(reply.requestId(), "the reply code is unknown");
        }
        ActionTokenView token = found.get();
        String requestId = token.requestId();
        if (!requestId.equalsIgnoreCase(reply.requestId())) {
            return Outcome.refused(reply.requestId(), "the reply code belongs to another request");
        }
        if (!sent.addressesAsked(requestId, token.step(), token.approverId()).contains(reply.sender())) {
            return Outcome.refused(requestId, "the reply did not come from the address the notification went to");
        }
        if (departed(token.approverId())) {
            // the audit says why; the approver is sent nothing, as no inactive user's address is answered
            return Outcome.refused(requestId, reason(ActionTokenRefused.Reason.NOT_ELIGIBLE));
        }
        List<User> owners = directory.activeUsersWithEmail(reply.sender());
        if (owners.size() > 1) {
            return Outcome.refused(requestId, "the sender's address belongs to more than one user");
        }
        Optional<String> ownerId = owners.stream()
                .findFirst()
                .flatMap(owner -> directory.idOf(owner.username()))
                .filter(token.approverId()::equals);
        if (ownerId.isEmpty()) {
            return Outcome.refused(requestId, "the sender's address is not that of the approver the mail went to");
        }
        try {
            tokens.redeem(
                    reply.token(), Channel.EMAIL, reply.approve(), reply.comment(), ownerId.get(), reply.sender());
            return Outcome.decided(requestId);
        } catch (ActionTokenRefused refused) {
            return Outcome.refused(requestId, reason(refused.refusal()));
        }
    }

    /** The approver was deactivated or deleted since the mail went out. */
    private boolean departed(String approverId) {
        return directory.findUserById(approverId).filter(User::active).isEmpty();
    }

    /** What the sender reads after "Your reply was not taken as a decision:", and the audit log keeps. */
    private static String reason(ActionTokenRefused.Reason refusal) {
        return switch (refusal) {
            case UNKNOWN -> "the reply code is unknown";
            case USED -> "the reply code was already used";
            case EXPIRED -> "the step's deadline has passed";
            case WRONG_APPROVER -> "the reply code was sent to somebody else";
            case NOT_PENDING -> "the request is no longer pending";
            case STEP_CLOSED -> "the step this mail asked about is no longer open";
            case OWN_REQUEST -> "you cannot decide your own request";
            case NOT_ELIGIBLE -> "you may no longer decide this request";
            case ALREADY_DECIDED -> "you have already decided this step";
            case APPROVED_EARLIER_STEP -> "you approved an earlier step, and the policy asks someone else for this one";
            case CHANNEL_NOT_ALLOWED -> "this step is not decided by mail";
        };
    }
}
