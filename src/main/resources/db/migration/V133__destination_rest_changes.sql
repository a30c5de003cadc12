-- How many times a chat destination was changed or deleted. An attempt reads it before it starts and
-- records a rest only while it is unchanged: an attempt that began on the old address, or on a channel
-- since deleted, never rests the channel as it is now. Counted up rather than deleted with the row, so
-- that a rest recorded after the change cannot find the count it read again.
alter table destination_rests add column changes bigint not null default 0;
