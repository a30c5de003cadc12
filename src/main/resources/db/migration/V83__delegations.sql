-- A user's approvals handed to another user for a period, optionally for some resources only
-- (resource globs, one per line; none means every resource). ended_at is set when it was ended
-- before until: by the delegator, an administrator, or because either person left.
create table delegations (
    id varchar(32) primary key,
    delegator_id varchar(32) not null,
    delegator varchar(128) not null,
    delegate_id varchar(32) not null,
    delegate varchar(128) not null,
    starts_at timestamp with time zone not null,
    until_at timestamp with time zone not null,
    resources varchar(4000),
    created_by varchar(128) not null,
    created_at timestamp with time zone not null,
    ended_at timestamp with time zone
);
create index delegations_by_delegate on delegations (delegate_id, until_at);
create index delegations_by_delegator on delegations (delegator_id, until_at);

-- A decision a delegate made for an approver: by approver, on behalf of this person.
alter table decisions add column on_behalf_of varchar(128);
alter table decisions add column on_behalf_of_id varchar(32);
