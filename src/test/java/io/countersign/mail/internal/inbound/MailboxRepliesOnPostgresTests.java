package io.countersign.mail.internal.inbound;

import io.countersign.testing.OnPostgres;

@OnPostgres
class MailboxRepliesOnPostgresTests extends MailboxRepliesTests {}
