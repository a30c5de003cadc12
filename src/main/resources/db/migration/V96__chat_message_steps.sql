-- the step an open chat message asks about: only messages about an earlier step are closed when a
-- later one is posted, so that two deliveries of one step never close each other's fresh message
alter table chat_messages add column step int;
