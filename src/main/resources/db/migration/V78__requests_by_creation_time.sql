-- The list of all requests (the /requests page, GET /api/v1/requests for administrators and
-- auditors) runs newest first with no other filter, or bounded by when the requests were made: read
-- in index order and stop after a page, rather than sort every request.
create index access_requests_created on access_requests (created_at, id);
