-- one row that every new delegation updates first: delegations are created one at a time, so that the
-- loop check and the duplicate check of each see every delegation created before it
create table delegation_turn (
    id int primary key,
    taken bigint not null
);
insert into delegation_turn (id, taken) values (1, 0);
