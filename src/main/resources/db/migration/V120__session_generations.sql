-- A page session remembers its user's generation when it is signed in, and ends at its next page once
-- the generation has been raised: a deactivation, another tool role or a deletion raises it, so undoing
-- the change gives no session back. Kept in the database because the session may live in another
-- instance's memory; a user without a row is at generation 0, and a deleted user's row stays so that a
-- new user given the name does not revive the sessions of the old one.
create table session_generations (
    username varchar(128) primary key,
    generation bigint not null
);
