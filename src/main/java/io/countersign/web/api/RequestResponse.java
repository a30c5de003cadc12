package io.countersign.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.countersign.grant.Grant;
import io.countersign.request.AccessRequest;
import io.countersign.request.BreakGlassReview;
import io.countersign.request.BreakGlassReviewStatus;
import io.countersign.request.Decision;
import io.countersign.request.RequestPage;
import io.countersign.request.RequestStatus;
import io.countersign.request.RequestStep;
import io.countersign.request.StepStatus;
import io.countersign.request.Verdict;
import io.countersign.shared.Channel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request as API.md's "A request, as returned" describes it. {@code startsAt}, {@code createdBy},
 * {@code closedAt} and each step's {@code startedAt} are additions, as are {@code grantedDuration}
 * (what the grant gets: the shortest duration any approver allowed), {@code extends} (the grant an
 * extension request would lengthen) and each decision's {@code duration} (what that approver allowed,
 * when less than asked), {@code onBehalfOf} (the approver a delegate decided for) and {@code withdrawn}
 * (why an approval no longer counts: its approver left or stopped approving while the step was open); {@code breakGlass}
 * marks emergency access approved at once under the policy's break-glass block, and {@code review}
 * (absent otherwise, and for uses under a block that asked for none) is that use's review.
 */
@Schema(
        requiredProperties = {
            "id",
            "status",
            "requester",
            "resource",
            "account",
            "duration",
            "grantedDuration",
            "breakGlass",
            "createdBy",
            "createdAt",
            "expiresAt",
            "currentStep",
            "steps",
            "decisions"
        })
record RequestResponse(
        String id,
        RequestStatus status,
        String requester,
        String resource,
        String account,
        Duration duration,
        Duration grantedDuration,
        @JsonProperty("extends") String extendsGrant,
        boolean breakGlass,
        Instant startsAt,
        String justification,
        String ticket,
        String policy,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant closedAt,
        int currentStep,
        List<StepResponse> steps,
        List<DecisionResponse> decisions,
        GrantResponse grant,
        ReviewResponse review) {

    /**
     * Where the review of a break-glass use stands; {@code late} marks an acknowledgement after
     * {@code dueAt}, {@code onBehalfOf} the reviewer a delegate acknowledged for.
     */
    @Schema(
            name = "BreakGlassReview",
            requiredProperties = {"status", "reviewers", "dueAt", "late"})
    record ReviewResponse(
            BreakGlassReviewStatus status,
            List<String> reviewers,
            Instant dueAt,
            String reviewedBy,
            String onBehalfOf,
            Instant reviewedAt,
            String comment,
            boolean late) {

        static ReviewResponse of(BreakGlassReview review) {
            return review == null
                    ? null
                    : new ReviewResponse(
                            review.status(),
                            review.reviewerNames(),
                            review.dueAt(),
                            review.reviewedBy() == null
                                    ? null
                                    : review.reviewedBy().username(),
                            review.onBehalfOf() == null
                                    ? null
                                    : review.onBehalfOf().username(),
                            review.reviewedAt(),
                            review.comment(),
                            review.late());
        }
    }

    // a step's name is optional in a policy, so it is null on the steps of those that leave it out
    @Schema(requiredProperties = {"requiredApprovals", "status", "eligibleApprovers"})
    record StepResponse(
            String name,
            int requiredApprovals,
            StepStatus status,
            List<String> eligibleApprovers,
            Instant startedAt,
            Instant deadline) {

        static StepResponse of(RequestStep step) {
            return new StepResponse(
                    step.name(),
                    step.requiredApprovals(),
                    step.status(),
                    step.eligibleApprovers(),
                    step.startedAt(),
                    step.deadline());
        }
    }

    @Schema(requiredProperties = {"approver", "step", "verdict", "channel", "at"})
    record DecisionResponse(
            String approver,
            int step,
            Verdict verdict,
            String comment,
            // CHAT and AUTO are values of the audit only: a decision names its platform, and auto-approval is SYSTEM
            @Schema(allowableValues = {"API", "WEB", "EMAIL", "SLACK", "TELEGRAM", "SYSTEM"})
            Channel channel,

            Instant at,
            Duration duration,
            String onBehalfOf,
            String withdrawn) {

        static DecisionResponse of(Decision decision) {
            return new DecisionResponse(
                    decision.approver(),
                    decision.step(),
                    decision.verdict(),
                    decision.comment(),
                    decision.channel(),
                    decision.at(),
                    decision.allowed(),
                    decision.onBehalfOf() == null ? null : decision.onBehalfOf().username(),
                    decision.withdrawn());
        }
    }

    @Schema(name = "RequestPage")
    record Page(List<RequestResponse> items, String nextCursor) {

        /** A page of requests, each with its grant and its break-glass review from these maps, by request id. */
        static Page of(RequestPage page, Map<String, Grant> granted, Map<String, BreakGlassReview> reviewed) {
            return new Page(
                    page.items().stream()
                            .map(request ->
                                    RequestResponse.of(request, granted.get(request.id()), reviewed.get(request.id())))
                            .toList(),
                    page.nextCursor());
        }
    }

    static RequestResponse of(AccessRequest request, Grant grant) {
        return of(request, grant, null);
    }

    static RequestResponse of(AccessRequest request, Grant grant, BreakGlassReview review) {
        var details = request.details();
        return new RequestResponse(
                request.id(),
                request.status(),
                details.requester(),
                details.resource(),
                details.account(),
                details.duration(),
                request.grantedDuration(),
                details.extendsGrant(),
                details.breakGlass(),
                details.startsAt(),
                details.justification(),
                details.ticket(),
                details.policyName(),
                details.createdBy(),
                details.createdAt(),
                details.expiresAt(),
                request.closedAt(),
                request.currentStep(),
                request.steps().stream().map(StepResponse::of).toList(),
                request.decisions().stream().map(DecisionResponse::of).toList(),
                GrantResponse.of(grant),
                ReviewResponse.of(review));
    }
}
