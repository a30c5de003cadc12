-- Why an approval no longer counts towards its step: the person who gave it, or for whom a delegate
-- gave it, left or stopped approving while the step was still open. Null while it counts.
alter table decisions add column withdrawn varchar(200);
