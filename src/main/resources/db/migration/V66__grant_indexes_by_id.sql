-- The access check finds the holder's id by username (users primary key) and then the grant in force
-- on grants_holder_lookup (holder_id, resource_name, account_name, ends_at), which offboarding's
-- revocation also uses. Nothing looks grants up by username since V60, so its index only slowed
-- every grant write down.
drop index grants_lookup;
-- Deleting a resource or removing one of its accounts revokes the grants on it in the transaction
-- of that change, with the resource's row locked: without this index every such change read the
-- whole grants table.
create index grants_resource on grants (resource_name, account_name);
