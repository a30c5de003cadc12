-- Run as a superuser or as countersign_owner after Countersign has created its schema (after the
-- first start, and again after an upgrade whose release notes name new audit tables). It takes
-- back what the default privileges gave the service on the audit tables. See docs/audit-append-only.md.

-- ...except that events, checkpoints and the signing key can only be added and read,
revoke all on audit_events, audit_checkpoints, audit_signing_key from countersign_app;
grant select, insert on audit_events, audit_checkpoints, audit_signing_key to countersign_app;

-- the head can only be read and moved (UPDATE also allows the row lock that serialises appends),
revoke all on audit_chain_head from countersign_app;
grant select on audit_chain_head to countersign_app;
grant update (last_id, last_hash) on audit_chain_head to countersign_app;

-- and the migration history is none of the service's business.
revoke all on flyway_schema_history from countersign_app;
