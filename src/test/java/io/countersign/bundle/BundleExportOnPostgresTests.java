package io.countersign.bundle;

import io.countersign.testing.OnPostgres;

@OnPostgres
class BundleExportOnPostgresTests extends BundleExportTests {}
