-- Live updates: every event pushed to browsers, kept for a while so that a reconnecting stream can catch up
-- (Last-Event-ID). The NOTIFY sent in the same transaction carries the same ids; never any text.
create table live_event (
  id              bigserial primary key,
  kind            varchar(20) not null check (kind in ('MESSAGE', 'READ')),
  conversation_id uuid        not null,
  message_id      uuid,
  person_id       uuid        not null,
  created_at      timestamptz not null default now()
);
create index live_event_created_idx on live_event (created_at);

-- What a person is typing, saved while they type: one draft per person and conversation, and one for "+ Créer"
-- (conversation_id null).
create table draft (
  id              uuid primary key,
  person_id       uuid         not null references person (id),
  conversation_id uuid         references conversation (id),
  subject         varchar(200) not null default '',
  html            text         not null default '',
  updated_at      timestamptz  not null
);
create unique index draft_reply_idx on draft (person_id, conversation_id) where conversation_id is not null;
create unique index draft_new_idx on draft (person_id) where conversation_id is null;
