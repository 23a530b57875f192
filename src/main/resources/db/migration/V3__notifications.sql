-- Notifications (SPEC §4): in-app notifications, the e-mail outbox, per-conversation mutes.

-- One in-app notification per (message, recipient), written in the transaction that stores the message.
create table notification (
  id              uuid primary key,
  recipient_id    uuid        not null references person (id),
  conversation_id uuid        not null references conversation (id),
  message_id      uuid        not null references message (id),
  created_at      timestamptz not null,
  read_at         timestamptz,
  constraint notification_message_recipient_unique unique (message_id, recipient_id)
);
-- The bell count and "opening a conversation marks its notifications read" only touch unread rows.
create index notification_unread_idx on notification (recipient_id, conversation_id) where read_at is null;
-- The list page, newest first.
create index notification_recipient_idx on notification (recipient_id, created_at desc);

-- The e-mail outbox: one row per (message, recipient), written in the transaction that stores the message and
-- moved to SENT in the same transaction as the SMTP hand-off, so that a retry never sends it twice.
create table email_delivery (
  id              uuid primary key,
  message_id      uuid         not null references message (id),
  recipient_id    uuid         not null references person (id),
  conversation_id uuid         not null references conversation (id),
  status          varchar(10)  not null default 'PENDING' check (status in ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
  created_at      timestamptz  not null,
  attempts        int          not null default 0,
  next_attempt_at timestamptz  not null,
  sent_at         timestamptz,
  failed_at       timestamptz,
  last_error      varchar(1000),
  constraint email_delivery_message_recipient_unique unique (message_id, recipient_id)
);
-- The poller's claim: due pending rows only, oldest first.
create index email_delivery_due_idx on email_delivery (next_attempt_at) where status = 'PENDING';
-- Administrators' list of deliveries that gave up.
create index email_delivery_failed_idx on email_delivery (failed_at desc) where status = 'FAILED';
-- Clean-up of old sent and skipped rows.
create index email_delivery_created_idx on email_delivery (created_at) where status in ('SENT', 'SKIPPED');

-- "Ne plus suivre": a participant who muted a conversation gets no e-mail for it (in-app notifications go on).
create table conversation_mute (
  person_id       uuid        not null references person (id),
  conversation_id uuid        not null references conversation (id),
  muted_at        timestamptz not null,
  primary key (person_id, conversation_id)
);

-- Spring Modulith 2.1 JDBC event publication registry (its PostgreSQL schema, v2 layout). The registry records every
-- publication to an AFTER_COMMIT transactional listener (for example the session terminator of a deactivation) in
-- the publishing transaction, so the table must exist; schema initialisation by Modulith is off, Flyway owns it.
create table if not exists event_publication (
  id                     uuid        not null primary key,
  listener_id            text        not null,
  event_type             text        not null,
  serialized_event       text        not null,
  publication_date       timestamptz not null,
  completion_date        timestamptz,
  status                 text,
  completion_attempts    int,
  last_resubmission_date timestamptz
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
