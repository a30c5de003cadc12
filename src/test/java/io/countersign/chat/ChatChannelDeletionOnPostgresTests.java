package io.countersign.chat;

import io.countersign.testing.OnPostgres;

@OnPostgres
class ChatChannelDeletionOnPostgresTests extends ChatChannelDeletionTests {}
