-- Chat channels an administrator configures: Slack, Microsoft Teams, Discord and Telegram. Secrets
-- (bot tokens, signing and webhook secrets, and the webhook URLs, which carry their own credential)
-- are AES-GCM ciphertext, never clear text; null means none is stored.
create table chat_channels (
    name varchar(64) primary key,
    type varchar(16) not null,
    -- a default channel is told of every request, whatever its policy names
    is_default boolean not null,
    slack_channel varchar(200),
    direct_messages boolean not null,
    chat_id varchar(64),
    api_base_url varchar(2000),
    bot_token varchar(2000),
    signing_secret varchar(2000),
    webhook_secret varchar(2000),
    webhook_url varchar(8000),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(128) not null
);

-- Each message posted for a notification delivery, so that a delivery tried again is never posted
-- twice and the messages about a request can be changed once it is decided.
create table chat_messages (
    delivery_id varchar(32) primary key,
    channel_name varchar(64) not null,
    request_id varchar(32),
    conversation varchar(200) not null,
    message_id varchar(200) not null,
    posted_at timestamp with time zone not null,
    -- set once the message shows the request's outcome and offers nothing more to do
    closed_at timestamp with time zone
);
create index chat_messages_request on chat_messages (request_id, channel_name);
