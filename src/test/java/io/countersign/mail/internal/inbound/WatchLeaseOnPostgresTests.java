package io.countersign.mail.internal.inbound;

import io.countersign.testing.OnPostgres;

@OnPostgres
class WatchLeaseOnPostgresTests extends WatchLeaseTests {}
