-- The approver a delegate's token decides for, as the mail carrying it named them: a delegate of two
-- approvers holds a token per mail, and each must count for the person its mail named. Null for an
-- approver's own token, and for one that names nobody (a chat button), which follows the rule a
-- decision through the API does.
alter table action_tokens add column on_behalf_of_id varchar(32);
