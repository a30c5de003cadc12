-- The separation-of-duties switches of a request's policy, copied out of the JSON snapshot so that
-- "what waits on me" stays one indexed query; and a fingerprint of the body an Idempotency-Key was
-- first used with, so that reusing the key for a different request is refused.
alter table access_requests add column allow_self_approval boolean default false not null;
alter table access_requests add column distinct_approvers boolean default true not null;
alter table access_requests add column idempotency_fingerprint varchar(64);

create index decisions_approver on decisions (approver, request_id);
