-- One-time codes a user sends to a chat bot to link their chat identity; only the SHA-256 of a code
-- is kept, and a code is used once and lives a few minutes.
create table chat_link_codes (
    code_hash varchar(64) primary key,
    type varchar(16) not null,
    user_id varchar(32) not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone
);

-- A chat identity (a Telegram user id) linked to one Countersign user; one per user and platform.
create table chat_links (
    type varchar(16) not null,
    external_id varchar(64) not null,
    user_id varchar(32) not null,
    linked_at timestamp with time zone not null,
    primary key (type, external_id),
    constraint chat_links_one_per_user unique (type, user_id)
);
