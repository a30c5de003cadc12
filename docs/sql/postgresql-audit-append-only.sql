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

-- the journal, where a change writes its event before the sealer chains it, can be added to and
-- read, and an entry removed only once the chain holds it (the sealer moves it in one transaction),
revoke all on audit_journal from countersign_app;
grant select, insert, delete on audit_journal to countersign_app;
alter table audit_journal enable row level security;
drop policy if exists journal_read on audit_journal;
drop policy if exists journal_write on audit_journal;
drop policy if exists journal_remove_chained on audit_journal;
create policy journal_read on audit_journal for select to countersign_app using (true);
create policy journal_write on audit_journal for insert to countersign_app with check (true);
create policy journal_remove_chained on audit_journal for delete to countersign_app
    using (exists (select 1 from audit_events e where e.journal_seq = audit_journal.seq));

-- and the migration history is none of the service's business.
revoke all on flyway_schema_history from countersign_app;
