package io.countersign.grant;

import io.countersign.testing.OnPostgres;

@OnPostgres
class FirstUseRaceOnPostgresTests extends FirstUseRaceTests {}
