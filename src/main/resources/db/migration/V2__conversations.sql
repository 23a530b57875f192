-- Conversations, participants, messages and per-person read state.
create table conversation (
  id              uuid primary key,
  type            varchar(20)  not null check (type in ('ENTREPRISE', 'CONFIDENTIEL', 'PRIVE')),
  company_id      uuid references company (id),
  subject         varchar(200) not null,
  created_by      uuid         not null references person (id),
  created_at      timestamptz  not null,
  last_message_at timestamptz  not null,
  message_count   int          not null default 0,
  constraint conversation_company_by_type check ((type = 'PRIVE') = (company_id is null))
);
-- Serves the "favourite companies" half of the access predicate, newest activity first.
create index conversation_company_activity_idx on conversation (company_id, last_message_at desc, id desc);

create table participant (
  conversation_id uuid        not null references conversation (id),
  person_id       uuid        not null references person (id),
  joined_at       timestamptz not null,
  -- Copy of conversation.last_message_at so that a person's conversations come out of one index in order.
  last_message_at timestamptz not null,
  primary key (conversation_id, person_id)
);
create index participant_person_activity_idx on participant (person_id, last_message_at desc, conversation_id desc);

create table message (
  id              uuid primary key,
  conversation_id uuid        not null references conversation (id),
  seq             int         not null,
  author_id       uuid        not null references person (id),
  html            text        not null,
  plain_text      text        not null,
  created_at      timestamptz not null,
  constraint message_seq_unique unique (conversation_id, seq)
);

-- Deferred so that a message and the conversation pointing at it are written in either order within one transaction.
alter table conversation add column last_message_id uuid references message (id) deferrable initially deferred;

-- How many messages of a conversation a person has read; fewer than message_count means unread.
create table read_state (
  person_id       uuid not null references person (id),
  conversation_id uuid not null references conversation (id),
  read_count      int  not null,
  primary key (person_id, conversation_id)
);
