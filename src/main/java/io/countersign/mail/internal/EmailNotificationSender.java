package io.countersign.mail.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.grant.Grant;
import io.countersign.grant.Grants;
import io.countersign.mail.ApprovalNotice;
import io.countersign.mail.BreakGlassNotice;
import io.countersign.mail.ComposedMail;
import io.countersign.mail.GrantEndingNotice;
import io.countersign.mail.MailComposer;
import io.countersign.mail.MailNotSent;
import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsService;
import io.countersign.mail.Mailer;
import io.countersign.mail.OutcomeNotice;
import io.countersign.mail.Person;
import io.countersign.notify.Notification;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationSender;
import io.countersign.notify.SendResult;
import io.countersign.request.AccessRequest;
import io.countersign.request.ActionTokenRefused;
import io.countersign.request.ActionTokens;
import io.countersign.request.Decision;
import io.countersign.request.RequestDetails;
import io.countersign.request.RequestStatus;
import io.countersign.request.RequestStep;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code EMAIL} channel: turns each notification into its mail, addressed to the recipient's
 * address as the directory has it now, and hands it to the SMTP server of the current settings. An
 * approval mail carries fresh action tokens issued at send time, so that a mail sent late never holds
 * a token of a step that is over. A server that does not take the mail fails the attempt and the
 * outbox tries again; one that cannot be reached or does not answer also pauses the channel, so that
 * the queued mail does not wait out its timeout one by one; a recipient without an address cannot be
 * helped by trying again.
 */
@Component
class EmailNotificationSender implements NotificationSender {

    private static final String NO_SERVER = "No SMTP server is configured (settings › mail).";

    /**
     * Refusals that mean the mail's question is no longer this approver's to answer: it was answered
     * meanwhile, or the approver may no longer decide (deactivated, taken off the step). Nothing is
     * wrong and sending again would not help, so these are no dead letters.
     */
    private static final Set<ActionTokenRefused.Reason> NO_LONGER_ASKED = Set.of(
            ActionTokenRefused.Reason.NOT_PENDING,
            ActionTokenRefused.Reason.STEP_CLOSED,
            ActionTokenRefused.Reason.ALREADY_DECIDED,
            ActionTokenRefused.Reason.NOT_ELIGIBLE);

    private final Directory directory;
    private final Requests requests;
    private final Grants grants;
    private final ActionTokens tokens;
    private final MailComposer composer;
    private final Mailer mailer;
    private final MailSettingsService settings;
    private final MailNotifications sent;
    private final MailSettingsStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EmailNotificationSender(
            Directory directory,
            Requests requests,
            Grants grants,
            ActionTokens tokens,
            MailComposer composer,
            Mailer mailer,
            MailSettingsService settings,
            MailNotifications sent,
            MailSettingsStore store,
            TransactionTemplate transactions,
            Clock clock) {
        this.directory = directory;
        this.requests = requests;
        this.grants = grants;
        this.tokens = tokens;
        this.composer = composer;
        this.mailer = mailer;
        this.settings = settings;
        this.sent = sent;
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return MailSettingsService.MAIL_CHANNEL;
    }

    @Override
    public Optional<String> waitingFor() {
        return settings.serverSaved() ? Optional.empty() : Optional.of(NO_SERVER);
    }

    @Override
    public SendResult send(Notification notification) {
        MailSettings.Smtp smtp = settings.current().smtp();
        if (smtp == null) {
            // before anything is issued or read: mail queued before the server is saved waits for it
            return SendResult.waiting(NO_SERVER);
        }
        Optional<User> recipient = directory.findUserById(notification.recipientId());
        if (recipient.isEmpty()) {
            return SendResult.refused("The recipient no longer exists.");
        }
        User user = recipient.get();
        if (user.email() == null || user.email().isBlank()) {
            return SendResult.refused(user.username() + " has no mail address.");
        }
        try {
            return switch (notification.kind()) {
                case STEP_OPENED, STEP_ESCALATED -> askToDecide(notification, user);
                case REQUEST_DECIDED -> tellOutcome(notification, user);
                case GRANT_ENDING -> warnGrantEnding(notification, user);
                case BREAK_GLASS_USED -> tellBreakGlass(BreakGlassNotice.Why.USED, notification, user);
                case BREAK_GLASS_REVIEW -> tellBreakGlass(BreakGlassNotice.Why.REVIEW, notification, user);
                case BREAK_GLASS_REVIEW_OVERDUE -> tellBreakGlass(BreakGlassNotice.Why.OVERDUE, notification, user);
            };
        } catch (MailNotSent e) {
            String error = MailFailures.describe(e, smtp.host());
            return UnreachableServers.isCause(e) ? SendResult.unreachable(error) : SendResult.failed(error);
        } catch (ActionTokenRefused e) {
            // the step moved on, or this approver may no longer decide it, before the mail left
            return NO_LONGER_ASKED.contains(e.refusal())
                    ? SendResult.skipped("Not sent: " + e.getMessage())
                    : SendResult.refused("Not sent: " + e.getMessage());
        } catch (NotFoundException e) {
            return SendResult.refused("Not sent: " + e.getMessage());
        }
    }

    private SendResult askToDecide(Notification notification, User user) {
        String requestId = notification.requestId();
        int step = Objects.requireNonNull(notification.step(), "a step notification names its step");
        AccessRequest request = requests.get(Actor.system(), requestId);
        if (request.status() != RequestStatus.PENDING) {
            // checked here too, as a step that takes no decision by mail or page issues no token
            return SendResult.skipped("Not sent: Request " + requestId + " is " + request.status() + ".");
        }
        if (step < request.currentStep()) {
            return SendResult.skipped("Not sent: Step " + (step + 1) + " of " + requestId + " is over.");
        }
        RequestDetails details = request.details();
        RequestStep current = request.steps().get(step);
        // a delegation that started names its delegator; the mail's tokens decide for whom it names
        String named = notification.data().get("onBehalfOf") instanceof String name ? name : null;
        String decidesFor = requests.decidesOnBehalfOf(
                        new Actor(user.username(), user.role(), Channel.EMAIL, null), request)
                .map(rule -> named == null ? rule : named)
                .orElse(null);
        // no token for a channel the step refuses: the mail offers only what will work
        String replyToken = current.allowsDecisionFrom(Channel.EMAIL.name())
                ? tokens.issue(requestId, step, notification.recipientId(), decidesFor, Channel.EMAIL)
                : null;
        String linkToken = current.allowsDecisionFrom(Channel.WEB.name())
                ? tokens.issue(requestId, step, notification.recipientId(), decidesFor, Channel.WEB)
                : null;
        // the request page's rule: an approver kept from approving by separation of duties may reject
        Actor asApprover =
                new Actor(user.username(), user.role(), replyToken != null ? Channel.EMAIL : Channel.WEB, null);
        String approvalRefused = requests.whyOnlyReject(asApprover, request)
                .map(TokenRefusals::reason)
                .orElse(null);
        long approvalsGiven = request.decisions().stream()
                .filter(d -> d.step() == step && d.counts())
                .count();
        Person onBehalfOf = decidesFor == null ? null : person(decidesFor);
        ApprovalNotice notice = new ApprovalNotice(
                requestId,
                person(user),
                user.email(),
                replyToken,
                linkToken,
                person(details.requester()),
                details.resource(),
                details.account(),
                details.duration(),
                details.justification(),
                details.ticket(),
                current.name(),
                step + 1,
                request.steps().size(),
                current.requiredApprovals(),
                (int) approvalsGiven,
                others(request, user),
                current.decideBy(details.expiresAt()),
                onBehalfOf,
                current.allowedDecisionChannels(),
                extending(request),
                notification.kind() == NotificationKind.STEP_ESCALATED ? escalation(current) : null,
                details.startsAt(),
                approvalRefused);
        ComposedMail mail = transactions.execute(tx -> {
            // a save switching approving by mail on waits until this mail is recorded, so that its look
            // for mails without a reply code sees it; or this waits for the save and shows a code
            store.approveByMailHeld();
            ComposedMail composed = composer.approvalRequest(notice);
            sent.record(
                    composed.messageId(),
                    requestId,
                    step,
                    notification.recipientId(),
                    user.email(),
                    composed.replyCode(),
                    clock.instant());
            return composed;
        });
        mailer.send(Objects.requireNonNull(mail).message());
        return SendResult.ok();
    }

    /**
     * Who else may decide the step as the mail leaves, delegates in force among them; a delegate's
     * mail names the approver they stand in for, who keeps their own right to decide.
     */
    private List<ApprovalNotice.Approver> others(AccessRequest request, User recipient) {
        return requests.approversNow(request).stream()
                .filter(approver -> !approver.username().equals(recipient.username()))
                .map(approver -> new ApprovalNotice.Approver(
                        person(approver.username()),
                        approver.standsInFor().stream().map(this::person).toList()))
                .toList();
    }

    /**
     * How long the step waited before it escalated: an escalation starts the step's timeout afresh, so
     * it happened a timeout before the new deadline; a step that waited its whole timeout timed out, one
     * escalated sooner lost the approvers it needed.
     */
    private static ApprovalNotice.Escalation escalation(RequestStep step) {
        if (step.timeout() == null || step.deadline() == null || step.startedAt() == null) {
            return new ApprovalNotice.Escalation(null, false);
        }
        Duration after = Duration.between(step.startedAt(), step.deadline().minus(step.timeout()));
        return new ApprovalNotice.Escalation(after, after.compareTo(step.timeout()) >= 0);
    }

    /** The grant an extension lengthens, with its end as it stands when the mail leaves. */
    private ApprovalNotice.Extension extending(AccessRequest request) {
        if (!request.details().isExtension()) {
            return null;
        }
        return new ApprovalNotice.Extension(
                request.details().extendsGrant(),
                grants.extendedBy(request).map(Grant::endsAt).orElse(null));
    }

    private SendResult tellOutcome(Notification notification, User user) {
        AccessRequest request = requests.get(Actor.system(), notification.requestId());
        OutcomeNotice.Outcome outcome =
                OutcomeNotice.Outcome.valueOf(String.valueOf(notification.data().get("outcome")));
        Object by = notification.data().get("by");
        Person decidedBy = by == null || Decision.SYSTEM_APPROVER.equals(by) || outcome == OutcomeNotice.Outcome.EXPIRED
                ? null
                : person(by.toString());
        Optional<Grant> grant =
                outcome == OutcomeNotice.Outcome.APPROVED ? grants.forRequest(request.id()) : Optional.empty();
        Object comment = notification.data().get("comment");
        mailer.send(composer.outcome(new OutcomeNotice(
                        request.id(),
                        person(user),
                        user.email(),
                        request.details().resource(),
                        request.details().account(),
                        outcome,
                        decidedBy,
                        decidedBy == null ? null : onBehalfOf(request, by.toString(), outcome),
                        comment == null ? null : comment.toString(),
                        grant.map(Grant::startsAt).orElse(null),
                        grant.map(Grant::endsAt).orElse(null)))
                .message());
        return SendResult.ok();
    }

    /** Whom the decider's deciding decision counted for, when they decided as someone's delegate. */
    private Person onBehalfOf(AccessRequest request, String decider, OutcomeNotice.Outcome outcome) {
        if (outcome != OutcomeNotice.Outcome.APPROVED && outcome != OutcomeNotice.Outcome.REJECTED) {
            return null;
        }
        return request.decisions().stream()
                .filter(decision -> decision.approver().equals(decider) && decision.withdrawn() == null)
                .reduce((earlier, later) -> later)
                .map(Decision::onBehalfOf)
                .map(approver -> person(approver.username()))
                .orElse(null);
    }

    private SendResult warnGrantEnding(Notification notification, User user) {
        var data = notification.data();
        mailer.send(composer.grantEnding(new GrantEndingNotice(
                        notification.grantId(),
                        notification.requestId() != null ? notification.requestId() : notification.grantId(),
                        person(user),
                        user.email(),
                        String.valueOf(data.get("resource")),
                        String.valueOf(data.get("account")),
                        notification.instant("endsAt")))
                .message());
        return SendResult.ok();
    }

    private SendResult tellBreakGlass(BreakGlassNotice.Why why, Notification notification, User user) {
        RequestDetails details =
                requests.get(Actor.system(), notification.requestId()).details();
        mailer.send(composer.breakGlassUsed(new BreakGlassNotice(
                        why,
                        details.id(),
                        person(user),
                        user.email(),
                        person(details.requester()),
                        details.resource(),
                        details.account(),
                        details.duration(),
                        details.policyName(),
                        details.justification(),
                        details.ticket(),
                        notification.instant("dueAt"),
                        notification.data().get("onBehalfOf") instanceof String reviewer ? person(reviewer) : null,
                        reviewers(notification)))
                .message());
        return SendResult.ok();
    }

    /** Those asked to review a use, as the directory names them now; none from a notice that did not name them. */
    private List<Person> reviewers(Notification notification) {
        if (!(notification.data().get("reviewers") instanceof String names) || names.isBlank()) {
            return List.of();
        }
        return Arrays.stream(names.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(this::person)
                .toList();
    }

    private Person person(String username) {
        return directory
                .findUser(username)
                .map(EmailNotificationSender::person)
                .orElseGet(() -> new Person(username, null));
    }

    private static Person person(User user) {
        return new Person(user.username(), user.displayName());
    }
}
