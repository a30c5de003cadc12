package io.countersign.inventory;

import io.countersign.testing.OnPostgres;

@OnPostgres
class ResourceApiOnPostgresTests extends ResourceApiTests {}
