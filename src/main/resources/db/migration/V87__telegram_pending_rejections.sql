-- Telegram rejections waiting for their reason: the bot asked with a ForceReply message, and the
-- reply to that message (same chat, same Telegram user) decides. Kept here rather than in memory so
-- that a restart loses none and the reply may reach any instance. The action token is AES-GCM
-- ciphertext; a row lives an hour and expired rows are deleted as new ones arrive.
create table telegram_pending_rejections (
    chat_id varchar(64) not null,
    message_id varchar(64) not null,
    telegram_user varchar(64) not null,
    token varchar(2000) not null,
    expires_at timestamp with time zone not null,
    primary key (chat_id, message_id)
);
create index telegram_pending_rejections_expiry on telegram_pending_rejections (expires_at);
