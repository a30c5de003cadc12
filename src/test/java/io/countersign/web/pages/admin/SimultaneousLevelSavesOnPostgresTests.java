package io.countersign.web.pages.admin;

import io.countersign.testing.OnPostgres;

@OnPostgres
class SimultaneousLevelSavesOnPostgresTests extends SimultaneousLevelSavesTests {}
