-- the end of a webhook endpoint's rest after it could not be reached, shared by every instance:
-- none tries the endpoint before then, and only the one that claims it probes it afterwards
alter table webhooks add column rests_until timestamp with time zone;
