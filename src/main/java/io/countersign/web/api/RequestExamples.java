package io.countersign.web.api;

/** Example bodies of the request operations in the OpenAPI description, from the README walk-through. */
final class RequestExamples {

    private RequestExamples() {}

    static final String CREATE = """
            {"resource": "prod-postgresql", "account": "rw-admin", "duration": "PT2H",
             "justification": "INC-123 failover"}""";

    static final String CREATE_ON_BEHALF = """
            {"resource": "prod-postgresql", "account": "rw-admin", "duration": "PT2H",
             "justification": "INC-123 failover", "requester": "dev"}""";

    static final String PENDING = """
            {"id": "req-84a2", "status": "PENDING", "requester": "dev", "resource": "prod-postgresql",
             "account": "rw-admin", "duration": "PT2H", "grantedDuration": "PT2H", "breakGlass": false,
             "justification": "INC-123 failover",
             "policy": "production-db-approval", "createdBy": "dev", "createdAt": "2026-11-30T09:00:00Z",
             "expiresAt": "2026-12-01T09:00:00Z", "currentStep": 0,
             "steps": [
               {"name": "Manager Review", "requiredApprovals": 1, "status": "PENDING",
                "eligibleApprovers": ["lisa"]},
               {"name": "Security Review", "requiredApprovals": 1, "status": "PENDING",
                "eligibleApprovers": ["carol", "sam"]}],
             "decisions": []}""";

    static final String APPROVED = """
            {"id": "req-84a2", "status": "APPROVED", "requester": "dev", "resource": "prod-postgresql",
             "account": "rw-admin", "duration": "PT2H", "grantedDuration": "PT2H", "breakGlass": false,
             "justification": "INC-123 failover",
             "policy": "production-db-approval", "createdBy": "dev", "createdAt": "2026-11-30T09:00:00Z",
             "expiresAt": "2026-12-01T09:00:00Z", "currentStep": 1,
             "steps": [
               {"name": "Manager Review", "requiredApprovals": 1, "status": "APPROVED",
                "eligibleApprovers": ["lisa"]},
               {"name": "Security Review", "requiredApprovals": 1, "status": "APPROVED",
                "eligibleApprovers": ["carol", "sam"]}],
             "decisions": [
               {"approver": "lisa", "step": 0, "verdict": "APPROVE", "comment": "ok", "channel": "API",
                "at": "2026-11-30T09:00:05Z"},
               {"approver": "carol", "step": 1, "verdict": "APPROVE", "comment": "looks fine", "channel": "API",
                "at": "2026-11-30T09:00:12Z"}],
             "grant": {"id": "grt-5b1c", "requestId": "req-84a2", "user": "dev", "resource": "prod-postgresql",
                       "account": "rw-admin", "startsAt": "2026-11-30T09:00:12Z", "endsAt": "2026-11-30T11:00:12Z",
                       "status": "ACTIVE"}}""";
}
