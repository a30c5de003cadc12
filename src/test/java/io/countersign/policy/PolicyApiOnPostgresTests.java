package io.countersign.policy;

import io.countersign.testing.OnPostgres;

@OnPostgres
class PolicyApiOnPostgresTests extends PolicyApiTests {}
