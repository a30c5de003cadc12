-- API tokens show when they were last used; the time is written at most once a minute per token.
alter table api_tokens add column last_used_at timestamp with time zone;

-- What an enforcement point may ask about: resources whose name matches one of its globs, or that
-- belong to one of its resource groups. An ENFORCER without rows here may ask about every resource.
create table enforcer_scope_resources (
    username varchar(128) not null references users (username) on delete cascade,
    pattern varchar(128) not null,
    primary key (username, pattern)
);

create table enforcer_scope_groups (
    username varchar(128) not null references users (username) on delete cascade,
    group_name varchar(128) not null references user_groups (name),
    primary key (username, group_name)
);
create index enforcer_scope_groups_group on enforcer_scope_groups (group_name);
