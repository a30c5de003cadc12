package io.countersign.shared.database;

import io.countersign.testing.OnPostgres;

@OnPostgres
class PipelineOnPostgresTests extends PipelineTests {}
