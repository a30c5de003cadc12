-- Webhooks answer an ETag and honour If-Match like the other configuration objects, which have
-- carried a version since the first schema; a change of signing secrets counts as a change.
alter table webhooks add column version bigint default 0 not null;

-- The first answer to a decision (approve, reject, cancel, revoke) sent with an Idempotency-Key, so
-- that a retry gets the same status and body instead of "already decided". One row per (user, key);
-- a row without a status is a call still running. The fingerprint tells a retry from a reuse of the
-- key for another call.
create table idempotent_answers (
    user_id varchar(32) not null,
    idempotency_key varchar(200) not null,
    fingerprint varchar(64) not null,
    status int,
    content_type varchar(200),
    body varchar,
    created_at timestamp with time zone not null,
    primary key (user_id, idempotency_key)
);
