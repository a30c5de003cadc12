package io.countersign.request;

import io.countersign.testing.OnPostgres;

@OnPostgres
class RequestTimerOnPostgresTests extends RequestTimerTests {}
