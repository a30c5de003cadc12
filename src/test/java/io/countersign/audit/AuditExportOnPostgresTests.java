package io.countersign.audit;

import io.countersign.testing.OnPostgres;

/** The same on PostgreSQL, where the large export reads 200,000 rows through a server-side cursor. */
@OnPostgres
class AuditExportOnPostgresTests extends AuditExportTests {

    @Override
    int bulkRows() {
        return 200_000;
    }
}
