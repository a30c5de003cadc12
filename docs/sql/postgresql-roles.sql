-- Run once as a PostgreSQL superuser, connected to the countersign database, before Countersign
-- first starts. countersign_owner owns the schema and runs the migrations; countersign_app is what
-- the service connects as. See docs/audit-append-only.md.
revoke all on schema public from public;
grant usage, create on schema public to countersign_owner;
grant usage on schema public to countersign_app;

-- Every table and sequence the migrations create from now on is usable by the service...
alter default privileges for role countersign_owner in schema public
    grant select, insert, update, delete on tables to countersign_app;
alter default privileges for role countersign_owner in schema public
    grant usage, select, update on sequences to countersign_app;
