-- a revoked token's row is deleted; its id stays here so that a revocation sent again (a page re-sent
-- from the browser's history) is told the token is already revoked, rather than that it never was
create table revoked_api_tokens (
    id varchar(32) primary key,
    username varchar(128) not null references users (username) on delete cascade,
    revoked_at timestamp with time zone not null
);
