package io.countersign.request;

import io.countersign.testing.OnPostgres;

@OnPostgres
class RetriedCallsRefusedAsSentOnPostgresTests extends RetriedCallsRefusedAsSentTests {}
