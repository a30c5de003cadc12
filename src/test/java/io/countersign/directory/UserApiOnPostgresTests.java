package io.countersign.directory;

import io.countersign.testing.OnPostgres;

@OnPostgres
class UserApiOnPostgresTests extends UserApiTests {}
