-- Identities are internal and immutable: a user has a random id that never changes and is never
-- reused, and everything that names a person over time (requester, creator, approver places,
-- decisions, grant holder) keys on it. The usernames stay next to it for display, so a deleted
-- user's name still shows in history while a new user given the same name inherits nothing.
alter table users add column id varchar(32);
-- existing users get a random id; the expression is portable and random() runs once per character
update users set id = 'usr-'
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1)
        || substr('abcdefghijkmnpqrstuvwxyz23456789', cast(floor(random() * 32) as int) + 1, 1);
alter table users alter column id set not null;
create unique index users_id on users (id);

alter table access_requests add column requester_id varchar(32);
alter table access_requests add column created_by_id varchar(32);
update access_requests set requester_id = (select u.id from users u where u.username = access_requests.requester);
update access_requests set created_by_id = (select u.id from users u where u.username = access_requests.created_by);
create index access_requests_requester_id on access_requests (requester_id, created_at);
create index access_requests_created_by_id on access_requests (created_by_id, created_at);
-- an idempotency key belongs to the caller's identity, not to a name a later user may be given
drop index access_requests_idempotency;
create unique index access_requests_idempotency_id on access_requests (created_by_id, idempotency_key);

alter table request_step_approvers add column user_id varchar(32);
update request_step_approvers set user_id =
    (select u.id from users u where u.username = request_step_approvers.username);
create index request_step_approvers_user_id on request_step_approvers (user_id);

-- who a step escalates to, by id and by name, aligned; null on requests created before this version
alter table request_steps add column escalation_approvers varchar;
alter table request_steps add column escalation_approver_ids varchar;

alter table decisions add column approver_id varchar(32);
update decisions set approver_id = (select u.id from users u where u.username = decisions.approver);
create index decisions_approver_id on decisions (approver_id, request_id);

alter table grants add column holder_id varchar(32);
update grants set holder_id = (select u.id from users u where u.username = grants.username);
create index grants_holder_lookup on grants (holder_id, resource_name, account_name, ends_at);
