package io.countersign.mail.internal.inbound;

import io.countersign.testing.OnPostgres;

@OnPostgres
class ApprovingByMailOnPostgresTests extends ApprovingByMailTests {}
