-- The configured chat channel (chat_channels.name) whose button carries a token: a button decides only
-- through the callback of the channel that sent it, never through another Slack app or Telegram bot
-- of the same platform. Null for a mail's or a link's token.
alter table action_tokens add column chat_channel varchar(64);

-- A chat token issued before this column existed was sent by the one channel of its type when there is
-- exactly one; with several, which one sent it is not known, and it stays null: such a button is
-- refused as unknown (docs/adr/0043), and its approver decides through the link or the API instead.
update action_tokens set chat_channel = (select min(c.name) from chat_channels c where c.type = action_tokens.via)
where via in ('SLACK', 'TELEGRAM')
  and (select count(*) from chat_channels c where c.type = action_tokens.via) = 1;
