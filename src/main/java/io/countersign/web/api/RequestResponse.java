package io.countersign.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.countersign.grant.Grant;
import io.countersign.request.AccessRequest;
import io.countersign.request.Decision;
import io.countersign.request.RequestStatus;
import io.countersign.request.RequestStep;
import io.countersign.request.StepStatus;
import io.countersign.request.Verdict;
import io.countersign.shared.Channel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A request as API.md's "A request, as returned" describes it. {@code startsAt}, {@code createdBy},
 * {@code closedAt} and each step's {@code startedAt} are additions, as are {@code grantedDuration}
 * (what the grant gets: the shortest duration any approver allowed), {@code extends} (the grant an
 * extension request would lengthen) and each decision's {@code duration} (what that approver allowed,
 * when less than asked) and {@code onBehalfOf} (the approver a delegate decided for); {@code breakGlass}
 * marks emergency access approved at once under the policy's break-glass block.
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
        GrantResponse grant) {

    @Schema(requiredProperties = {"name", "requiredApprovals", "status", "eligibleApprovers"})
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
            Channel channel,
            Instant at,
            Duration duration,
            String onBehalfOf) {

        static DecisionResponse of(Decision decision) {
            return new DecisionResponse(
                    decision.approver(),
                    decision.step(),
                    decision.verdict(),
                    decision.comment(),
                    decision.channel(),
                    decision.at(),
                    decision.allowed(),
                    decision.onBehalfOf() == null ? null : decision.onBehalfOf().username());
        }
    }

    record Page(List<RequestResponse> items, String nextCursor) {}

    static RequestResponse of(AccessRequest request, Grant grant) {
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
                GrantResponse.of(grant));
    }
}
