package io.countersign.request;

import io.countersign.testing.OnPostgres;

@OnPostgres
class ContendedTimerOnPostgresTests extends ContendedTimerTests {}
