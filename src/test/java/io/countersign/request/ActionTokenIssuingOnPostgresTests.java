package io.countersign.request;

import io.countersign.testing.OnPostgres;

@OnPostgres
class ActionTokenIssuingOnPostgresTests extends ActionTokenIssuingTests {}
