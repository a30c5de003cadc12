-- Single-use action tokens: what a mail reply, a link in a mail or a chat button carries to decide one
-- step of a request as one approver. Only the SHA-256 of a token is kept. A token stays valid while
-- its step is open and before the step's deadline (or the request's expiry); redeeming one marks every
-- token of the same (request, step, approver) binding used.
create table action_tokens (
    token_hash varchar(64) primary key,
    request_id varchar(32) not null references access_requests (id),
    step_index int not null,
    approver_id varchar(32) not null,
    via varchar(16) not null,
    created_at timestamp with time zone not null,
    used_at timestamp with time zone
);
create index action_tokens_binding on action_tokens (request_id, step_index, approver_id);
