-- The emergency list of a break-glass use is told by mail unless each person chose otherwise: a use
-- nobody hears of defeats the point of letting it through without approval.
insert into notification_defaults (kind, channels)
select 'BREAK_GLASS_USED', 'EMAIL'
where not exists (select 1 from notification_defaults where kind = 'BREAK_GLASS_USED');
