package io.countersign.grant;

import io.countersign.testing.OnPostgres;

@OnPostgres
class GrantOnPostgresTests extends GrantTests {}
