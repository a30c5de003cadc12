package io.countersign.notify;

import io.countersign.testing.OnPostgres;

@OnPostgres
class EndpointBacklogOnPostgresTests extends EndpointBacklogTests {}
