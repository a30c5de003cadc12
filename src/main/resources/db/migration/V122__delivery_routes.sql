-- The configured destination a routed notification goes to (a chat channel by name), written when it
-- is queued: each destination of a channel takes its turn (docs/adr/0041), and what a chat sender makes
-- of a delivery cannot be read in a query. Null for the notifications of people's own subscriptions,
-- which take one turn together, as do the notifications queued before this column.
alter table webhook_deliveries add column route varchar(128);
