-- A Telegram reason prompt belongs to the channel (bot) that sent it: two bots may talk to the same
-- chat, and in a direct chat each bot numbers its own messages, so chat and message alone can name two
-- prompts. Rows held before the channel was kept carry '' and are still matched by chat alone; they
-- live an hour at most. The old table stays, unread, for the previous version's instances still
-- serving during a rolling upgrade (docs/runbooks/upgrading.md: migrations are expand-only); a prompt
-- one of them holds then is not found by the new version, and a later release drops the table.
create table telegram_rejection_prompts (
    channel_name varchar(64) not null,
    chat_id varchar(64) not null,
    message_id varchar(64) not null,
    telegram_user varchar(64) not null,
    token varchar(2000) not null,
    expires_at timestamp with time zone not null,
    primary key (channel_name, chat_id, message_id)
);
create index telegram_rejection_prompts_expiry on telegram_rejection_prompts (expires_at);
insert into telegram_rejection_prompts (channel_name, chat_id, message_id, telegram_user, token, expires_at)
    select '', chat_id, message_id, telegram_user, token, expires_at from telegram_pending_rejections;
