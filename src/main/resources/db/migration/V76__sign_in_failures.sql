-- Failed password sign-ins of the last lockout window, per username typed (known or not, so that a
-- lockout tells nobody whether a name exists); older rows are pruned as new ones are written.
create table sign_in_failures (
    username varchar(128) not null,
    failed_at timestamp with time zone not null
);
create index sign_in_failures_by_user on sign_in_failures (username, failed_at);
create index sign_in_failures_by_time on sign_in_failures (failed_at);
