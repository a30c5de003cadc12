-- Why a change was made, as hashed fields of the audit record. Rows written before this migration
-- were hashed with encoding version 1, which does not cover these columns; the default keeps them
-- (and rows written by an instance not yet upgraded) verifiable under that version.
alter table audit_events add column hash_version int default 1 not null;
alter table audit_events add column justification varchar(4000);
alter table audit_events add column ticket varchar(4000);
alter table audit_events add column comment varchar(4000);
alter table audit_events add column reason varchar(4000);

-- The key pair that signs checkpoints. One row, so every instance signs with the same key; the
-- private key is AES-GCM ciphertext under the service's encryption key, never clear text.
create table audit_signing_key (
    id int primary key,
    key_id varchar(64) not null,
    algorithm varchar(16) not null,
    public_key varchar(200) not null,
    private_key varchar(400) not null,
    created_at timestamp with time zone not null
);

-- Signed statements of the chain head, for parties outside the database to keep.
create table audit_checkpoints (
    id bigint primary key,
    at timestamp with time zone not null,
    events bigint not null,
    head_hash varchar(64) not null,
    key_id varchar(64) not null,
    signature varchar(200) not null
);
