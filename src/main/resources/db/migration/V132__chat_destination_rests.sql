-- The end of the rest of a chat destination (a configured chat channel, by name) after it could not be
-- reached, shared by every instance, as webhooks.rests_until is for an endpoint: none tries it before
-- then, and only the one that claims it probes it afterwards. A row is written when a destination
-- first rests; null once it answered.
create table destination_rests (
    channel varchar(16) not null,
    destination varchar(128) not null,
    rests_until timestamp with time zone,
    primary key (channel, destination)
);
