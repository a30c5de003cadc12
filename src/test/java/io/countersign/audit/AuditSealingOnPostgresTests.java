package io.countersign.audit;

import io.countersign.testing.OnPostgres;

@OnPostgres
class AuditSealingOnPostgresTests extends AuditSealingTests {}
