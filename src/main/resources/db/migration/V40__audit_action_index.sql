-- Listing the audit log by action, newest first, without scanning every event of other actions.
create index audit_events_action on audit_events (action, id);
