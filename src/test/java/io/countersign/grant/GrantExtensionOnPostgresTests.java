package io.countersign.grant;

import io.countersign.testing.OnPostgres;

@OnPostgres
class GrantExtensionOnPostgresTests extends GrantExtensionTests {}
