package io.countersign.mail.internal.inbound;

import io.countersign.testing.OnPostgres;

@OnPostgres
class RepliesWithoutACodeOnPostgresTests extends RepliesWithoutACodeTests {}
