-- The mail server settings an administrator changes at run time: one row, absent until first saved.
-- Passwords are AES-GCM ciphertext (never clear text); null means none is stored.
create table mail_settings (
    id int primary key check (id = 1),
    smtp_host varchar(253) not null,
    smtp_port int not null,
    smtp_security varchar(16) not null,
    smtp_username varchar(320),
    smtp_password varchar(2000),
    smtp_from varchar(400) not null,
    smtp_trusted_certificate varchar(65536),
    imap_host varchar(253),
    imap_port int not null,
    imap_security varchar(16) not null,
    imap_username varchar(320),
    imap_password varchar(2000),
    imap_folder varchar(400) not null,
    imap_trusted_certificate varchar(65536),
    approve_by_mail boolean not null,
    -- comma-separated single words, added to the built-in approve words
    approve_keywords varchar(4000) not null,
    -- null: the configured countersign.instance-name
    instance_name varchar(100),
    updated_by varchar(128) not null,
    updated_at timestamp with time zone not null
);
