-- A password about to be checked is written as a failure first, under an id of its own, and taken
-- back once it proved right (or was refused unchecked): so guesses sent at once are counted before
-- any of them is checked, and no more of them are checked than the limits allow.
alter table sign_in_failures add column attempt_id varchar(36);
