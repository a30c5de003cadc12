package io.countersign.mail;

import io.countersign.testing.OnPostgres;

@OnPostgres
class MailSettingsApiOnPostgresTests extends MailSettingsApiTests {}
