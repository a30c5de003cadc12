package io.countersign.mail.internal.inbound;

import io.countersign.testing.OnPostgres;

@OnPostgres
class MailboxWatcherOnPostgresTests extends MailboxWatcherTests {}
