-- Sign-outs the single sign-on provider announced (OpenID Connect back-channel logout): one instance
-- receives each, and every instance ends the sessions it covers at their next page. A row covers the
-- sessions of its subject, or of its provider session (sid) when it names one, that were signed in
-- with an ID token issued no later than the logout token; both times are the provider's, so instance
-- clocks do not matter. Rows are pruned as new ones are written, once every session they cover has
-- either been ended or timed out.
create table provider_sign_outs (
    issuer varchar(2048) not null,
    subject varchar(255),
    session_id varchar(255),
    issued_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null
);
create index provider_sign_outs_by_subject on provider_sign_outs (subject, issued_at);
create index provider_sign_outs_by_session on provider_sign_outs (session_id, issued_at);
create index provider_sign_outs_by_time on provider_sign_outs (recorded_at);
