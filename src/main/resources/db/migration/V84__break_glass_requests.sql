-- A request made under a policy's break-glass block: approved at once in an emergency, its use told
-- to the policy's emergency list. Older requests were never break-glass.
alter table access_requests add column break_glass boolean default false not null;
