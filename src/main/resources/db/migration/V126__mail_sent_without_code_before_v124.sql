-- V124 took every approval mail sent before it to have shown a reply code. One sent while approving by
-- mail was off showed none, and its approver, asked to decide a step that takes decisions only by
-- mail, would never be mailed a code: switching approving by mail on looks only for mails known to
-- have left without one. While approving by mail is off (or mail was never set up) none of the older
-- mails can be told apart, so they are all taken to have left without a code: an approver whose mail
-- did show one is at worst mailed once more, with a fresh code, when approving by mail is switched on.
update mail_notifications set reply_code = false
where reply_code is null
  and not exists (select 1 from mail_settings where approve_by_mail = true);
