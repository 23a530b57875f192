-- Inbox shapes measured on the large benchmark (1,000,000 conversations, docs/performance.md).
-- The per-company scan carries the columns the access query and the unread test read, so it never visits the table.
drop index conversation_company_activity_idx;
create index conversation_company_activity_idx on conversation (company_id, last_message_at desc, id desc)
  include (type, message_count);
-- A person with many favourite companies reads the whole firm's activity newest first and keeps their companies:
-- with 300 favourites out of 2,000 companies, 26 rows come from about 40 index entries instead of 300 index scans.
create index conversation_activity_idx on conversation (last_message_at desc, id desc)
  include (company_id, type, message_count);
