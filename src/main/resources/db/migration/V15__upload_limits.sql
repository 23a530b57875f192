-- Every accepted upload, kept 24 hours: the daily upload quota (SPEC §9) counts these rather than the attachment
-- table, so that a file removed before sending still counts against it. An upload that is undone (its message was
-- refused) takes its row with it.
create table attachment_upload (
  attachment_id uuid        primary key,
  uploader_id   uuid        not null references person (id),
  size          bigint      not null check (size >= 0),
  uploaded_at   timestamptz not null
);
create index attachment_upload_by_uploader_idx on attachment_upload (uploader_id, uploaded_at);

-- The files a person has not sent yet, counted before each upload (at most 50).
create index attachment_pending_by_uploader_idx on attachment (uploader_id) where message_id is null;
