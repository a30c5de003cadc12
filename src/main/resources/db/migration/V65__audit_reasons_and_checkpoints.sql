-- Why a change was made, as hashed fields of the audit record. Rows written before this migration
-- were hashed with encoding version 1, which does not cover these columns; the default keeps them
-- (and rows written by an instance not yet upgraded) verifiable under that version.
alter table audit_events add column hash_version int default 1 not null;
alter table audit_events add column justification varchar(4000);
alter table audit_events add column ticket varchar(4000);
alter table audit_events add column comment varchar(4000);
alter table audit_events add column reason varchar(4000);
