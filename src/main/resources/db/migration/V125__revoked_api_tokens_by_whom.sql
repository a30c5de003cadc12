-- what a revoke page opened again says of a token already revoked: its name, and who revoked it;
-- tokens revoked before this kept neither, and their pages say only when
alter table revoked_api_tokens add column name varchar(128);
alter table revoked_api_tokens add column revoked_by varchar(128);
