-- The approval mails sent, by their Message-ID: which request, step and approver each asked and the
-- address it went to. A reply decides only when it comes from that address, and its In-Reply-To or
-- References lead back to the request even when the subject lost the request's id.
create table mail_notifications (
    message_id varchar(250) primary key,
    request_id varchar(32) not null,
    step int not null,
    approver_id varchar(32) not null,
    address varchar(254) not null,
    sent_at timestamp with time zone not null
);
create index mail_notifications_approver on mail_notifications (request_id, step, approver_id);
