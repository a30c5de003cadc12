-- A grant whose clock starts at its first use waits as APPROVED_UNUSED: starts_at is when it may be
-- claimed and ends_at the end of its claim window, so that the access check's one query finds it
-- like any other grant in force. first_use_seconds is the duration it will last from the first
-- check that allows it; clock_started_at is set once, by that check, with one conditional update.
alter table grants add column first_use_seconds bigint;
alter table grants add column clock_started_at timestamp with time zone;
