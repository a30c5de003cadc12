-- Audit events are first written to this journal, in the transaction of the change they record,
-- and linked into the hash chain (audit_events) by one sealer shortly after they commit. Writers no
-- longer queue on the chain head; see docs/adr/0010-audit-sealed-after-commit.md.
create sequence audit_journal_seq;

create table audit_journal (
    seq bigint primary key,
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
    justification varchar(4000),
    ticket varchar(4000),
    comment varchar(4000),
    reason varchar(4000)
);

-- Which journal entry a chained event was sealed from: a journal entry may only be removed once the
-- chain holds it (enforced by the optional row-level policy in docs/sql/postgresql-audit-append-only.sql).
alter table audit_events add column journal_seq bigint;
create unique index audit_events_journal_seq on audit_events (journal_seq);
