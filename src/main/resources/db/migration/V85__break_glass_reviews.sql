-- The after-the-fact review of each break-glass use made under a policy that asks for one: due by
-- due_at, then PENDING until a reviewer acknowledges it (REVIEWED, late when after due_at) or the
-- deadline passes first (OVERDUE). Uses made before reviews existed have no row.
create table break_glass_reviews (
    request_id varchar(32) primary key references access_requests (id),
    requester varchar(128) not null,
    requester_id varchar(32),
    resource_name varchar(128) not null,
    account_name varchar(128) not null,
    policy_name varchar(128) not null,
    used_at timestamp with time zone not null,
    due_at timestamp with time zone not null,
    status varchar(16) not null,
    reviewed_by varchar(128),
    reviewed_by_id varchar(32),
    on_behalf_of varchar(128),
    on_behalf_of_id varchar(32),
    reviewed_at timestamp with time zone,
    review_comment varchar(2000),
    late boolean default false not null
);
create index break_glass_reviews_due on break_glass_reviews (status, due_at);

-- Who may review a use (REVIEWER) and who is told when its review goes overdue (NOTIFIED), resolved
-- when access was taken.
create table break_glass_review_people (
    request_id varchar(32) not null references break_glass_reviews (request_id),
    person_role varchar(16) not null,
    user_id varchar(32) not null,
    username varchar(128) not null,
    primary key (request_id, person_role, user_id)
);
create index break_glass_review_people_user on break_glass_review_people (user_id);

-- Reviewers are asked, and the emergency list told of an overdue review, by mail unless they chose.
insert into notification_defaults (kind, channels) values ('BREAK_GLASS_REVIEW', 'EMAIL');
insert into notification_defaults (kind, channels) values ('BREAK_GLASS_REVIEW_OVERDUE', 'EMAIL');
