-- An extension sent with an Idempotency-Key answers 201 with a Location naming the request it opened;
-- a retry is given that Location again with the rest of the first answer.
alter table idempotent_answers add column location varchar(2000);
