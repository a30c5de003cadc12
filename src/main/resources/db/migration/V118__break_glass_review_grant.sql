-- The grant each reviewed break-glass use was given, so that the audit records of its review and of
-- its review going overdue name it as the use's own record does. Reviews opened earlier take it from
-- the grant their request issued.
alter table break_glass_reviews add column grant_id varchar(32);
update break_glass_reviews set grant_id = (select g.id from grants g where g.request_id = break_glass_reviews.request_id);
