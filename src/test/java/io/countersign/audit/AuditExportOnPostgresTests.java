package io.countersign.audit;

import io.countersign.testing.OnPostgres;

@OnPostgres
class AuditExportOnPostgresTests extends AuditExportTests {}
