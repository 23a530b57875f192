-- Files attached to messages. A file is uploaded first (message_id null: pending, visible to nobody) and claimed by
-- the message that sends it, in the message's transaction; unclaimed uploads are swept after a grace period.
create table attachment (
  id              uuid primary key,
  uploader_id     uuid         not null references person (id),
  conversation_id uuid references conversation (id),
  message_id      uuid references message (id),
  storage_key     varchar(200) not null unique,
  name            varchar(255) not null,
  content_type    varchar(150) not null,
  size            bigint       not null check (size >= 0),
  sha256          varchar(64)  not null,
  created_at      timestamptz  not null,
  constraint attachment_claimed_together check ((conversation_id is null) = (message_id is null))
);
create index attachment_message_idx on attachment (message_id);
create index attachment_pending_idx on attachment (created_at) where message_id is null;

alter table conversation add column attachment_count int not null default 0;
