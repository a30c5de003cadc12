package io.countersign.request;

import io.countersign.testing.OnPostgres;

@OnPostgres
class BreakGlassReadersOnPostgresTests extends BreakGlassReadersTests {}
