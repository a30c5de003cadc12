package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.ActionTokenStore.Binding;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single-use action tokens: what a mail reply, a link in a mail and a chat button carry to decide one
 * step of a request as one approver, without signing in. A token is bound to (request, step,
 * approver), is valid while that step is open and before its deadline (or the request's expiry), and
 * redeeming one uses every token of its binding. Redemption goes through the same decision path as the
 * API ({@link Requests}), so separation of duties, deadlines and eligibility all apply; the decision
 * is recorded as the approver's, with the token's channel.
 */
@Service
public class ActionTokens {

    /** The longest comment (a rejection's reason) a redemption takes, as a decision through the API does. */
    public static final int MAX_COMMENT = RequestValidation.MAX_TEXT;

    private final ActionTokenStore store;
    private final RequestRepository repository;
    private final RequestDecisions decisions;
    private final Directory directory;
    private final DelegationStore delegations;
    private final Clock clock;
    private final TransactionTemplate transactions;

    ActionTokens(
            ActionTokenStore store,
            RequestRepository repository,
            RequestDecisions decisions,
            Directory directory,
            DelegationStore delegations,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.repository = repository;
        this.decisions = decisions;
        this.directory = directory;
        this.delegations = delegations;
        this.clock = clock;
        // nested: inside a caller's transaction (a mail reader recording the message it processed), a
        // refusal rolls back to a savepoint and leaves the caller's own work able to commit
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * A fresh token for this approver (internal user id usr-...) on this step, valid until the step's
     * deadline (or the request's expiry when the step has none). Several may be outstanding for one
     * (request, step, approver) binding; redeeming one uses them all. The approver may also be the
     * delegate in force of one of the step's approvers: their token decides on that approver's behalf,
     * as the delegate would through the API.
     *
     * @throws IllegalArgumentException when {@code via} is no channel a token travels through, or the
     *     request has no such step
     * @throws NotFoundException when the request does not exist
     * @throws ActionTokenRefused when the request is not pending, the step is over, the approver is
     *     not one of the step's or has decided it already
     */
    @Transactional
    public String issue(String requestId, int step, String approverId, Channel via) {
        return issue(requestId, step, approverId, null, via);
    }

    /**
     * As {@link #issue(String, int, String, Channel)}, for a delegate whose mail names the approver
     * ({@code onBehalfOf}, a username; null: nobody) they decide for: the token decides for that
     * approver only, so that a delegate of several approvers decides for the one the mail said. It is
     * ignored for an approver the step lists.
     *
     * @throws ActionTokenRefused also when the approver named has no delegation in force to this one
     *     that lets them decide the step
     */
    @Transactional
    public String issue(String requestId, int step, String approverId, String onBehalfOf, Channel via) {
        return issue(requestId, step, approverId, onBehalfOf, via, null);
    }

    /**
     * As {@link #issue(String, int, String, Channel)}, for a button of the configured chat channel
     * {@code chatChannel}: the token is then taken only through that channel's callbacks.
     */
    @Transactional
    public String issueForChat(String requestId, int step, String approverId, Channel via, String chatChannel) {
        return issue(requestId, step, approverId, null, via, chatChannel);
    }

    private String issue(
            String requestId, int step, String approverId, String onBehalfOf, Channel via, String chatChannel) {
        meansOf(via);
        AccessRequest request =
                repository.find(requestId).orElseThrow(() -> new NotFoundException("request", requestId));
        if (step < 0 || step >= request.steps().size()) {
            throw new IllegalArgumentException("Request " + requestId + " has no step " + (step + 1) + ".");
        }
        if (request.status() != RequestStatus.PENDING) {
            throw new ActionTokenRefused(Reason.NOT_PENDING, "Request " + requestId + " is " + request.status() + ".");
        }
        if (step < request.currentStep()) {
            throw new ActionTokenRefused(Reason.STEP_CLOSED, "Step " + (step + 1) + " of " + requestId + " is over.");
        }
        boolean listed = request.steps().get(step).approvers().stream().anyMatch(p -> p.id().equals(approverId));
        // a name no user has any more stands for nobody's delegation, which speaksFor refuses
        String onBehalfOfId =
                listed || onBehalfOf == null ? null : directory.idOf(onBehalfOf).orElse("");
        if (speaksFor(request, step, approverId, onBehalfOfId, clock.instant()).isEmpty()) {
            throw new ActionTokenRefused(
                    Reason.NOT_ELIGIBLE,
                    "That user is not an approver of step " + (step + 1) + " of " + requestId + ".");
        }
        if (SeparationOfDuties.hasDecided(request.decisions(), approverId, step)) {
            throw new ActionTokenRefused(
                    Reason.ALREADY_DECIDED,
                    "That user has already decided step " + (step + 1) + " of " + requestId + ".");
        }
        String token = ActionTokenText.random();
        store.insert(
                ActionTokenText.hash(token),
                new Binding(requestId, step, approverId, via, false, onBehalfOfId, chatChannel),
                clock.instant());
        return token;
    }

    /**
     * Decides with the token that arrived through {@code through}; the decision is recorded as taken
     * by the bound approver through the token's channel (Actor channel EMAIL/SLACK/TELEGRAM/WEB). A
     * token issued for another channel is refused as {@code UNKNOWN}, so that a reply code found in a
     * mail log opens no decision link, nor a link's token a mail reply, and nobody learns that it
     * exists. {@code claimedBy} is the user id the channel proved (mail sender, chat user) or null when
     * the token alone is the proof (link).
     *
     * @throws ActionTokenRefused with the reason, having changed nothing; past a deadline the timeout
     *     it overtook is committed first, as the timers would have applied it (reason {@code EXPIRED})
     */
    public AccessRequest redeem(
            String token, Channel through, boolean approve, String comment, String claimedBy, String sourceAddress) {
        return redeem(token, through, null, approve, comment, claimedBy, sourceAddress);
    }

    /**
     * As {@link #redeem(String, Channel, boolean, String, String, String)}, for a token that arrived
     * through a callback of the configured chat channel {@code chatChannel}: one another channel sent
     * is refused as {@code UNKNOWN}.
     */
    public AccessRequest redeem(
            String token,
            Channel through,
            String chatChannel,
            boolean approve,
            String comment,
            String claimedBy,
            String sourceAddress) {
        String hash = hashOf(token).orElseThrow(ActionTokens::unknown);
        Binding binding = store.find(hash)
                .filter(found -> cameBy(found, through, chatChannel))
                .orElseThrow(ActionTokens::unknown);
        if (claimedBy != null && !claimedBy.equals(binding.approverId())) {
            throw new ActionTokenRefused(Reason.WRONG_APPROVER, "This token was issued to somebody else.");
        }
        if (binding.used()) {
            throw used();
        }
        Actor actor = actorOf(binding, sourceAddress);
        String means = meansOf(binding.via());
        RequestDecisions.Transition decision = (request, me, text, at) -> {
            ensureOpen(request, binding, hash);
            // one the step lists in their own right decides as themself (an escalation may have added
            // them since the mail named a delegator), whether or not that delegation still runs
            if (binding.onBehalfOfId() != null
                    && !request.steps().get(binding.step()).isEligible(binding.approverId())) {
                request.considering(namedDelegation(request, binding, at));
            }
            if (approve) {
                request.approve(actor, me, text, null, at, means);
            } else {
                request.reject(actor, me, text, at, means);
            }
            store.useAll(binding, at);
        };
        Redemption redemption = transactions.execute(tx -> {
            try {
                return new Redemption(decisions.decide(actor, binding.requestId(), comment, true, decision), null);
            } catch (DeadlinePassed passed) {
                // returned rather than thrown, so that the timeout the redemption overtook commits
                return new Redemption(null, new ActionTokenRefused(Reason.EXPIRED, passed.getMessage()));
            } catch (RuntimeException refused) {
                throw ActionTokenRefused.translated(refused);
            }
        });
        if (redemption.refused() != null) {
            throw redemption.refused();
        }
        return redemption.request();
    }

    /**
     * What a token is for, without using it (for the confirmation page and for readers that must check
     * the sender first); empty when unknown.
     */
    @Transactional(readOnly = true)
    public Optional<ActionTokenView> peek(String token) {
        return peek(token, null);
    }

    /** As {@link #peek(String)}, for a token that arrived through {@code through}: empty when issued for another. */
    @Transactional(readOnly = true)
    public Optional<ActionTokenView> peek(String token, Channel through) {
        return peek(token, through, null);
    }

    /** As {@link #peek(String, Channel)}, through a callback of the chat channel {@code chatChannel}. */
    @Transactional(readOnly = true)
    public Optional<ActionTokenView> peek(String token, Channel through, String chatChannel) {
        return hashOf(token)
                .flatMap(store::find)
                .filter(binding -> through == null || cameBy(binding, through, chatChannel))
                .flatMap(binding -> repository.find(binding.requestId()).map(request -> view(binding, request)));
    }

    /** Forgets a deleted chat channel's tokens: a later channel of that name may be another team's. */
    @Transactional
    public int forgetChatChannel(String chatChannel) {
        return store.deleteSentBy(chatChannel);
    }

    /** The token travelled as it was sent: its channel, and for a button the very chat channel. */
    private static boolean cameBy(Binding binding, Channel through, String chatChannel) {
        return binding.via() == through && Objects.equals(binding.chatChannel(), chatChannel);
    }

    private record Redemption(AccessRequest request, ActionTokenRefused refused) {}

    /** Under the request's lock: the token is still unused and its step is the one open now. */
    private void ensureOpen(AccessRequest request, Binding binding, String hash) {
        if (store.find(hash).map(Binding::used).orElse(true)) {
            throw used();
        }
        ensureStepOpen(request, binding);
    }

    /** The request is pending and still at the token's step. */
    private static void ensureStepOpen(AccessRequest request, Binding binding) {
        if (request.status() == RequestStatus.EXPIRED || StepTimeout.endedRequestAt(request, binding.step())) {
            // said alike whether the timers or this redemption applied the timeout first
            throw new ActionTokenRefused(Reason.EXPIRED, "Request " + request.id() + " has expired.");
        }
        if (request.status() != RequestStatus.PENDING) {
            throw new ActionTokenRefused(
                    Reason.NOT_PENDING, "Request " + request.id() + " is " + request.status() + " already.");
        }
        if (request.currentStep() != binding.step()
                && SeparationOfDuties.hasDecided(request.decisions(), binding.approverId(), binding.step())) {
            // the approver decided the step elsewhere (the API, another link): said as a second decision is
            throw new ActionTokenRefused(
                    Reason.ALREADY_DECIDED,
                    "Step " + (binding.step() + 1) + " of " + request.id() + " was already decided by its approver.");
        }
        if (request.currentStep() != binding.step()) {
            throw new ActionTokenRefused(
                    Reason.STEP_CLOSED, "Step " + (binding.step() + 1) + " of " + request.id() + " is no longer open.");
        }
    }

    /**
     * The delegation in force from the approver the token's mail named, alone: the decision counts for
     * them or is refused, never for another approver who also delegated to the token's holder.
     */
    private List<Delegation> namedDelegation(AccessRequest request, Binding binding, Instant at) {
        List<Delegation> named = delegations.inForceTo(binding.approverId(), at).stream()
                .filter(d -> d.delegator().id().equals(binding.onBehalfOfId()))
                .toList();
        if (Standing.delegators(request, binding.approverId(), named, at).isEmpty()) {
            throw noLongerDelegated(request, binding);
        }
        return named;
    }

    private ActionTokenRefused noLongerDelegated(AccessRequest request, Binding binding) {
        String delegator = directory
                .findUserById(binding.onBehalfOfId())
                .map(User::username)
                .orElse("the approver it names");
        return new ActionTokenRefused(
                Reason.NOT_ELIGIBLE,
                "This token decides " + request.id() + " on behalf of " + delegator
                        + " only, and that delegation is no longer in force.");
    }

    /** The approver the token speaks for, as they are now: active, the same person, allowed to approve. */
    private Actor actorOf(Binding binding, String sourceAddress) {
        AccessRequest request = repository.find(binding.requestId()).orElseThrow(ActionTokens::unknown);
        // a delegate speaks for nobody once the step has closed: that, not the delegation, is the reason
        ensureStepOpen(request, binding);
        Optional<User> user = speaksFor(
                        request, binding.step(), binding.approverId(), binding.onBehalfOfId(), clock.instant())
                .filter(name -> directory
                        .idOf(name)
                        .filter(binding.approverId()::equals)
                        .isPresent())
                .flatMap(directory::findUser)
                .filter(u -> u.active() && u.role().approves());
        if (user.isEmpty() && binding.onBehalfOfId() != null) {
            throw noLongerDelegated(request, binding);
        }
        if (user.isEmpty()) {
            throw new ActionTokenRefused(
                    Reason.NOT_ELIGIBLE, "The approver of this token may no longer decide " + request.id() + ".");
        }
        return new Actor(user.get().username(), user.get().role(), binding.via(), sourceAddress);
    }

    /**
     * The username of the approver a token of this step speaks for: listed by the step, or the
     * delegate now of someone it lists while the step is open ({@link Standing#delegators}, the rule
     * deciding follows), of the approver {@code onBehalfOfId} when the token names one; empty when neither.
     */
    private Optional<String> speaksFor(
            AccessRequest request, int step, String approverId, String onBehalfOfId, Instant at) {
        Optional<String> listed = request.steps().get(step).approvers().stream()
                .filter(p -> p.id().equals(approverId))
                .map(Participant::username)
                .findFirst();
        if (listed.isPresent()
                || request.status() != RequestStatus.PENDING
                || request.currentStep() != step
                || Standing.delegators(request, approverId, delegations.inForceTo(approverId, at), at).stream()
                        .noneMatch(d -> onBehalfOfId == null || d.id().equals(onBehalfOfId))) {
            return listed;
        }
        return directory.findUserById(approverId).map(User::username);
    }

    private ActionTokenView view(Binding binding, AccessRequest request) {
        RequestStep step = request.steps().get(binding.step());
        return new ActionTokenView(
                request.id(),
                binding.step(),
                step.name(),
                request.steps().size(),
                binding.approverId(),
                speaksFor(request, binding.step(), binding.approverId(), binding.onBehalfOfId(), clock.instant())
                        .orElse(null),
                binding.onBehalfOfId() == null
                        ? null
                        : directory
                                .findUserById(binding.onBehalfOfId())
                                .map(User::username)
                                .orElse(null),
                binding.via(),
                step.allowsDecisionFrom(binding.via().name()),
                binding.used(),
                request.status(),
                StepTimeout.endedRequestAt(request, binding.step()),
                request.currentStep(),
                step.decideBy(request.details().expiresAt()),
                request.details());
    }

    /** Tokens are lower case; a mail system may have folded them to upper case on the way. */
    private static Optional<String> hashOf(String token) {
        String text = token == null ? null : token.trim().toLowerCase(Locale.ROOT);
        return ActionTokenText.wellFormed(text) ? Optional.of(ActionTokenText.hash(text)) : Optional.empty();
    }

    /** How a decision with a token of this channel came, as the audit note says it. */
    private static String meansOf(Channel via) {
        return switch (via) {
            case EMAIL -> "By email";
            case SLACK -> "via Slack";
            case TELEGRAM -> "via Telegram";
            case WEB -> "via web link";
            default -> throw new IllegalArgumentException("Action tokens do not travel through " + via + ".");
        };
    }

    private static ActionTokenRefused unknown() {
        return new ActionTokenRefused(Reason.UNKNOWN, "This action token is unknown.");
    }

    private static ActionTokenRefused used() {
        return new ActionTokenRefused(Reason.USED, "This action token has already been used.");
    }
}
