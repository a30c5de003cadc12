-- db-scheduler reads this index only when prioritisation is on, which Countersign never turns on: its
-- pick-up reads scheduled_tasks_execution_time. Every timer a request or grant schedules paid one
-- index entry for it, and every pick-up and reschedule another.
drop index scheduled_tasks_priority_execution_time;
