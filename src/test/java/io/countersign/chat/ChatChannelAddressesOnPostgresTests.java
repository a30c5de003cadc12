package io.countersign.chat;

import io.countersign.testing.OnPostgres;

@OnPostgres
class ChatChannelAddressesOnPostgresTests extends ChatChannelAddressesTests {}
