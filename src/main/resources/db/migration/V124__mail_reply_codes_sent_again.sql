-- Whether an approval mail showed a reply code: one sent while approving by mail was off did not, and
-- its approver, if still asked once approving by mail is on, is mailed again with one. Null for the
-- mails sent before this column, which are taken to have shown one.
alter table mail_notifications add column reply_code boolean;

-- The approvers mailed again with a reply code, one row for each request, step, approver and number of
-- mails without a code they had been sent: whichever instance saves approving by mail on queues each
-- such mail once, however often it is switched on, and again only should that mail too leave while
-- approving by mail is off.
create table mail_reply_code_resends (
    request_id varchar(32) not null,
    step int not null,
    approver_id varchar(32) not null,
    mails int not null,
    queued_at timestamp with time zone not null,
    primary key (request_id, step, approver_id, mails)
);
