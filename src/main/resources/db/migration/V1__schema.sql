-- One script set for H2 (MODE=PostgreSQL) and PostgreSQL: portable types only.

create table levels (
    name varchar(128) primary key,
    rank_order int not null unique
);

create table users (
    username varchar(128) primary key,
    email varchar(254) not null,
    display_name varchar(200) not null,
    level_name varchar(128) references levels (name),
    manager varchar(128) references users (username),
    role varchar(16) not null,
    active boolean not null,
    version bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index users_manager on users (manager);
create index users_level on users (level_name);

create table user_groups (
    name varchar(128) primary key,
    version bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create table group_members (
    group_name varchar(128) not null references user_groups (name) on delete cascade,
    username varchar(128) not null references users (username),
    primary key (group_name, username)
);
create index group_members_user on group_members (username);

create table group_managers (
    group_name varchar(128) not null references user_groups (name) on delete cascade,
    username varchar(128) not null references users (username),
    primary key (group_name, username)
);
create index group_managers_user on group_managers (username);

create table resources (
    name varchar(128) primary key,
    type varchar(32) not null,
    version bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

create table resource_group_links (
    resource_name varchar(128) not null references resources (name) on delete cascade,
    group_name varchar(128) not null references user_groups (name),
    primary key (resource_name, group_name)
);
create index resource_group_links_group on resource_group_links (group_name);

create table resource_labels (
    resource_name varchar(128) not null references resources (name) on delete cascade,
    label_key varchar(128) not null,
    label_value varchar(256) not null,
    primary key (resource_name, label_key)
);

create table resource_owners (
    resource_name varchar(128) not null references resources (name) on delete cascade,
    username varchar(128) not null references users (username),
    primary key (resource_name, username)
);

create table resource_accounts (
    resource_name varchar(128) not null references resources (name) on delete cascade,
    account_name varchar(128) not null,
    primary key (resource_name, account_name)
);

create table policies (
    name varchar(128) primary key,
    enabled boolean not null,
    priority int not null,
    definition varchar not null,
    version bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);

-- Bumped in the same transaction as any policy change so that every instance can tell
-- cheaply whether its compiled policy index is stale.
create table policy_revision (
    id int primary key,
    revision bigint not null
);
insert into policy_revision (id, revision) values (1, 0);

create table access_requests (
    id varchar(32) primary key,
    requester varchar(128) not null,
    resource_name varchar(128) not null,
    account_name varchar(128) not null,
    duration_seconds bigint not null,
    starts_at timestamp with time zone,
    justification varchar(2000),
    ticket varchar(128),
    policy_name varchar(128),
    policy_snapshot varchar not null,
    status varchar(16) not null,
    current_step int not null,
    created_by varchar(128) not null,
    idempotency_key varchar(200),
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    closed_at timestamp with time zone,
    version bigint not null
);
create index access_requests_requester on access_requests (requester, created_at);
create index access_requests_status on access_requests (status, created_at);
create index access_requests_resource on access_requests (resource_name, created_at);
create unique index access_requests_idempotency on access_requests (created_by, idempotency_key);

create table request_steps (
    request_id varchar(32) not null references access_requests (id),
    step_index int not null,
    name varchar(200),
    required_approvals int not null,
    status varchar(16) not null,
    eligible_approvers varchar not null,
    escalated boolean not null,
    started_at timestamp with time zone,
    deadline timestamp with time zone,
    primary key (request_id, step_index)
);

-- One row per (request, step, approver) waiting on a person: answers "what waits on me" by index.
create table request_step_approvers (
    request_id varchar(32) not null references access_requests (id),
    step_index int not null,
    username varchar(128) not null,
    primary key (request_id, step_index, username)
);
create index request_step_approvers_user on request_step_approvers (username);

create table decisions (
    id bigint generated by default as identity primary key,
    request_id varchar(32) not null references access_requests (id),
    step_index int not null,
    approver varchar(128) not null,
    verdict varchar(16) not null,
    comment varchar(2000),
    channel varchar(16) not null,
    decided_at timestamp with time zone not null,
    unique (request_id, step_index, approver)
);

create table grants (
    id varchar(32) primary key,
    request_id varchar(32) not null unique references access_requests (id),
    username varchar(128) not null,
    resource_name varchar(128) not null,
    account_name varchar(128) not null,
    starts_at timestamp with time zone not null,
    ends_at timestamp with time zone not null,
    status varchar(16) not null,
    revoked_at timestamp with time zone,
    revoked_by varchar(128),
    revoke_reason varchar(2000),
    version bigint not null
);
create index grants_lookup on grants (username, resource_name, account_name, ends_at);
create index grants_status on grants (status, ends_at);

-- Passwords for local sign-in; single sign-on users have none.
create table local_credentials (
    username varchar(128) primary key references users (username) on delete cascade,
    password_hash varchar(200) not null
);

create table api_tokens (
    id varchar(32) primary key,
    username varchar(128) not null references users (username) on delete cascade,
    name varchar(128) not null,
    secret_hash varchar(128) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone,
    unique (username, name)
);

create table audit_events (
    id bigint primary key,
    occurred_at timestamp with time zone not null,
    actor varchar(128) not null,
    actor_role varchar(16) not null,
    channel varchar(16) not null,
    source_address varchar(64),
    action varchar(64) not null,
    target varchar(300),
    request_id varchar(32),
    grant_id varchar(32),
    note varchar(4000),
    previous_hash varchar(64) not null,
    hash varchar(64) not null
);
create index audit_events_request on audit_events (request_id);
create index audit_events_actor on audit_events (actor, id);
create index audit_events_time on audit_events (occurred_at);

-- The head of the hash chain; locking this row serialises appends so the chain has no forks.
create table audit_chain_head (
    id int primary key,
    last_id bigint not null,
    last_hash varchar(64) not null
);
insert into audit_chain_head (id, last_id, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
