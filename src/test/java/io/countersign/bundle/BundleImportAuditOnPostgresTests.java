package io.countersign.bundle;

import io.countersign.testing.OnPostgres;

@OnPostgres
class BundleImportAuditOnPostgresTests extends BundleImportAuditTests {}
