package io.countersign.shared;

import io.countersign.testing.OnPostgres;

@OnPostgres
class StoredIdsOnPostgresTests extends StoredIdsTests {}
