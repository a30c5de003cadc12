-- Delegations created before their end was a timer have none, so reaching their until was recorded
-- only when someone ended them by hand. Give every delegation not yet recorded as ended the
-- 'delegation-end' timer it would have had: the row db-scheduler itself inserts for a one-time task
-- without data, named by the delegation's id and due at its until. One past its until already runs
-- at the first pick-up and is recorded then, once, by the same conditional update as any other end.
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority)
select 'delegation-end', d.id, null, d.until_at, false, 1, 50
from delegations d
where d.ended_at is null
  and not exists (
      select 1 from scheduled_tasks s where s.task_name = 'delegation-end' and s.task_instance = d.id);
