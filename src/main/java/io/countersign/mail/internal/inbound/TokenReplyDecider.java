package io.countersign.mail.internal.inbound;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.mail.internal.MailNotifications;
import io.countersign.mail.internal.TokenRefusals;
import io.countersign.request.AccessRequest;
import io.countersign.request.ActionTokenRefused;
import io.countersign.request.ActionTokenView;
import io.countersign.request.ActionTokens;
import io.countersign.request.RequestStatus;
import io.countersign.request.RequestStep;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
    private final Requests requests;
    private final Clock clock;

    TokenReplyDecider(
            ActionTokens tokens, MailNotifications sent, Directory directory, Requests requests, Clock clock) {
        this.tokens = tokens;
        this.sent = sent;
        this.directory = directory;
        this.requests = requests;
        this.clock = clock;
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
        String notTheApprover = notTheApprover(token, reply.sender());
        if (notTheApprover != null) {
            return Outcome.refused(requestId, notTheApprover);
        }
        try {
            tokens.redeem(
                    reply.token(), Channel.EMAIL, reply.approve(), reply.comment(), token.approverId(), reply.sender());
            return Outcome.decided(requestId);
        } catch (ActionTokenRefused refused) {
            List<Channel> rejectThrough = reply.approve() ? stillRejectThrough(token) : List.of();
            return rejectThrough.isEmpty()
                    ? Outcome.refused(requestId, reason(refused.refusal()))
                    : Outcome.refusedButMayReject(requestId, reason(refused.refusal()), rejectThrough);
        }
    }

    /**
     * Only the approver the token was mailed to, replying from that address, may still decide; and
     * only through what the step takes: the link or the request's page ({@code WEB}), a reply ({@code
     * EMAIL}), the API ({@code API}).
     */
    @Override
    public List<Channel> stillOpenTo(String token, String requestId, String sender) {
        Optional<ActionTokenView> found = tokens.peek(token, Channel.EMAIL);
        if (found.isEmpty()
                || !found.get().requestId().equalsIgnoreCase(requestId)
                || found.get().refusalAt(clock.instant()).isPresent()
                || notTheApprover(found.get(), sender) != null) {
            return List.of();
        }
        return waysToDecide(requests.get(Actor.system(), found.get().requestId())
                .steps()
                .get(found.get().step()));
    }

    /**
     * Where the token's approver, whose approval was refused, may still reject its step: the request
     * page's rule, as the approver; empty when they may not reject it either.
     */
    private List<Channel> stillRejectThrough(ActionTokenView token) {
        AccessRequest request = requests.find(token.requestId()).orElse(null);
        User approver = directory.findUserById(token.approverId()).orElse(null);
        if (request == null || approver == null || request.currentStep() != token.step()) {
            return List.of();
        }
        Actor actor = new Actor(approver.username(), approver.role(), Channel.EMAIL, null);
        return requests.whyOnlyReject(actor, request).isPresent()
                ? waysToDecide(request.steps().get(token.step()))
                : List.of();
    }

    private static List<Channel> waysToDecide(RequestStep step) {
        return Stream.of(Channel.WEB, Channel.EMAIL, Channel.API)
                .filter(channel -> step.allowsDecisionFrom(channel.name()))
                .toList();
    }

    @Override
    public Optional<String> requestOf(String token, String sender) {
        return tokens.peek(token, Channel.EMAIL)
                .filter(found -> notTheApprover(found, sender) == null)
                .map(ActionTokenView::requestId);
    }

    @Override
    public boolean knows(String requestId) {
        return requests.find(requestId).isPresent();
    }

    /**
     * Asked as the sender would decide on a channel the step takes, by the rules every decision
     * follows: an approver, or a delegate, who may still reject the step may decide it there.
     */
    @Override
    public List<Channel> decidedOnlyElsewhere(String requestId, String sender) {
        List<User> owners = directory.activeUsersWithEmail(sender);
        Optional<AccessRequest> found = requests.find(requestId);
        if (owners.size() != 1
                || found.isEmpty()
                || found.get().status() != RequestStatus.PENDING
                || found.get().steps().isEmpty()) {
            return List.of();
        }
        RequestStep step = found.get().steps().get(found.get().currentStep());
        if (step.allowsDecisionFrom(Channel.EMAIL.name())) {
            return List.of();
        }
        List<Channel> ways =
                step.allowedDecisionChannels().stream().map(Channel::valueOf).toList();
        User owner = owners.get(0);
        Actor elsewhere = new Actor(owner.username(), owner.role(), ways.get(0), null);
        return requests.whyNotReject(elsewhere, found.get()).isEmpty() ? ways : List.of();
    }

    @Override
    public boolean askedOnlyWithoutCode(String requestId, String sender) {
        return requests.find(requestId)
                .filter(request -> request.status() == RequestStatus.PENDING)
                .filter(request -> request.steps().get(request.currentStep()).allowsDecisionFrom(Channel.EMAIL.name()))
                .filter(request -> sent.askedOnlyWithoutCode(request.id(), request.currentStep(), sender))
                .isPresent();
    }

    /** Why the sender does not speak for the token's approver, or null when they do. */
    private String notTheApprover(ActionTokenView token, String sender) {
        if (!sent.addressesAsked(token.requestId(), token.step(), token.approverId())
                .contains(sender)) {
            return "the reply did not come from the address the notification went to";
        }
        if (departed(token.approverId())) {
            // the audit says why; the approver is sent nothing, as no inactive user's address is answered
            return reason(ActionTokenRefused.Reason.NOT_ELIGIBLE);
        }
        List<User> owners = directory.activeUsersWithEmail(sender);
        if (owners.size() > 1) {
            return "the sender's address belongs to more than one user";
        }
        boolean theApprover = owners.stream()
                .findFirst()
                .flatMap(owner -> directory.idOf(owner.username()))
                .filter(token.approverId()::equals)
                .isPresent();
        return theApprover ? null : "the sender's address is not that of the approver the mail went to";
    }

    /** The approver was deactivated or deleted since the mail went out. */
    private boolean departed(String approverId) {
        return directory.findUserById(approverId).filter(User::active).isEmpty();
    }

    private static String reason(ActionTokenRefused.Reason refusal) {
        return TokenRefusals.reason(refusal);
    }
}
