-- Notifications to people share the webhooks' outbox: one row per (notification, recipient, channel),
-- with the same retries, dead letters and redelivery. A webhook delivery has channel WEBHOOK and a
-- webhook id; a notification has a channel such as EMAIL, a recipient and no webhook.
alter table webhook_deliveries add column channel varchar(32) default 'WEBHOOK' not null;
alter table webhook_deliveries alter column webhook_id drop not null;
-- the recipient's user id, and their username for display once the user is gone (docs/adr/0008)
alter table webhook_deliveries add column recipient_id varchar(32);
alter table webhook_deliveries add column recipient varchar(128);
alter table webhook_deliveries add column request_id varchar(32);
alter table webhook_deliveries add column grant_id varchar(32);
alter table webhook_deliveries add column step int;
create index webhook_deliveries_channel on webhook_deliveries (channel, seq);
create index webhook_deliveries_recipient on webhook_deliveries (recipient_id, seq);
create index webhook_deliveries_request on webhook_deliveries (request_id, seq);

-- What a user chose to receive, per kind of notification: a comma-separated list of channel names
-- (empty for none). A kind without a row follows the administrator's default.
create table notification_subscriptions (
    user_id varchar(32) not null,
    kind varchar(32) not null,
    channels varchar(400) not null,
    primary key (user_id, kind)
);

create table notification_defaults (
    kind varchar(32) primary key,
    channels varchar(400) not null
);
insert into notification_defaults (kind, channels) values ('STEP_OPENED', 'EMAIL');
insert into notification_defaults (kind, channels) values ('STEP_ESCALATED', 'EMAIL');
insert into notification_defaults (kind, channels) values ('REQUEST_DECIDED', 'EMAIL');
insert into notification_defaults (kind, channels) values ('GRANT_ENDING', 'EMAIL');
