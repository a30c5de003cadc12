package io.countersign.audit;

import io.countersign.testing.OnPostgres;

@OnPostgres
class AuditCheckpointApiOnPostgresTests extends AuditCheckpointApiTests {}
