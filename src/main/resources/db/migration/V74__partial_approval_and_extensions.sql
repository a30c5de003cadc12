-- An approver may allow less time than was asked: the duration they allowed, in seconds; null means
-- the duration that was asked.
alter table decisions add column allowed_seconds bigint;

-- An extension request asks for more time on an existing grant instead of a new one.
alter table access_requests add column extends_grant_id varchar(32);
create index access_requests_extends_grant on access_requests (extends_grant_id);
