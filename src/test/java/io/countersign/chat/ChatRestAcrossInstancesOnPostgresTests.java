package io.countersign.chat;

import io.countersign.testing.OnPostgres;

@OnPostgres
class ChatRestAcrossInstancesOnPostgresTests extends ChatRestAcrossInstancesTests {}
