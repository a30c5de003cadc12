package io.countersign.notify;

import io.countersign.testing.OnPostgres;

@OnPostgres
class BusyWebhookEndpointOnPostgresTests extends BusyWebhookEndpointTests {}
