-- Who each break-glass use told, resolved when access was taken: every use keeps its list, also one
-- under a block stored before reviews existed, which opens no review. The people told may read the
-- use and find it in their lists. The lists that reviews kept so far move here. A use taken earlier
-- without a review kept no list, and none is made up for it: the plan frozen into the request has no
-- break-glass block, policies keep no history, and the audit note names people by a username that a
-- later user may have been given.
create table break_glass_notified (
    request_id varchar(32) not null references access_requests (id),
    user_id varchar(32) not null,
    username varchar(128) not null,
    primary key (request_id, user_id)
);
create index break_glass_notified_user on break_glass_notified (user_id);

insert into break_glass_notified (request_id, user_id, username)
select request_id, user_id, username from break_glass_review_people where person_role = 'NOTIFIED';
delete from break_glass_review_people where person_role = 'NOTIFIED';
