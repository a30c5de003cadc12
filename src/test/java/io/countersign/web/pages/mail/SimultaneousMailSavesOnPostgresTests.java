package io.countersign.web.pages.mail;

import io.countersign.testing.OnPostgres;

@OnPostgres
class SimultaneousMailSavesOnPostgresTests extends SimultaneousMailSavesTests {}
