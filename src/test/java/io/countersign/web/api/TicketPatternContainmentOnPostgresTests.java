package io.countersign.web.api;

import io.countersign.testing.OnPostgres;

@OnPostgres
class TicketPatternContainmentOnPostgresTests extends TicketPatternContainmentTests {}
