package io.countersign.security;

import io.countersign.testing.OnPostgres;

@OnPostgres
class ProviderSignOutsOnPostgresTests extends ProviderSignOutsTests {}
