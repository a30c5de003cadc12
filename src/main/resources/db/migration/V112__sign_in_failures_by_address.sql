-- The client address each failed sign-in came from, so that one address trying many usernames (one
-- password against every name) is limited too, not only one username tried from many addresses.
alter table sign_in_failures add column source_address varchar(64);
create index sign_in_failures_by_address on sign_in_failures (source_address, failed_at);
