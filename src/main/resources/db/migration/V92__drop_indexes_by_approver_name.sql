-- Approver places and decisions are looked up by the approver's user id since V60; the indexes on
-- the approver's name serve no query any more, and every approval paid to keep them (ADR 0027).
drop index if exists request_step_approvers_user;
drop index if exists decisions_approver;
