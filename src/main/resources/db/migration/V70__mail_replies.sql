-- Approval replies read from the mailbox. Each message is recorded in the transaction that applies
-- it, before it is deleted from the folder, so that a message read twice (a crash between the two,
-- or two instances) is applied once. The key is a hash of its Message-ID, or of its headers.
create table mail_replies (
    message_key varchar(64) primary key,
    request_id varchar(32),
    outcome varchar(16) not null,
    reason varchar(300),
    processed_at timestamp with time zone not null
);
create index mail_replies_processed_at on mail_replies (processed_at);

-- Which instance watches the folder: one at a time, renewed while it watches, taken over once it
-- expires.
create table mail_watch_lease (
    name varchar(32) primary key,
    holder varchar(128) not null,
    expires_at timestamp with time zone not null
);
