package io.countersign.audit;

import io.countersign.testing.OnPostgres;

@OnPostgres
class AuditCheckpointTamperingOnPostgresTests extends AuditCheckpointTamperingTests {}
