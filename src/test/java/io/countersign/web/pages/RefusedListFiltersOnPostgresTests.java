package io.countersign.web.pages;

import io.countersign.testing.OnPostgres;

@OnPostgres
class RefusedListFiltersOnPostgresTests extends RefusedListFiltersTests {}
